// ONNX import and export of DeltaLab models (docs/onnx.md).
export { exportOnnx, INPUT_NAME, ONNX_OPSET, OUTPUT_NAME } from './export';
export { fixedPointForWeights, importOnnx, type OnnxImportOptions } from './import';
export { ONNX_LIMITS } from './limits';
export { type ModelFile, openModelFile, readModelFile } from './model-file';
export {
  type ActivationChoice,
  type ActivationDecision,
  type ActivationSource,
  importOnnxQuantized,
  parseQFormat,
  type QuantizeOptions,
  qFormatText,
} from './quantize';

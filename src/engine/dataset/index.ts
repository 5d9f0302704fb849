// Your own evaluation data: NumPy .npy/.npz and CSV to sample packs (docs/onnx.md).
export { type BuiltPack, buildPack, type PackTarget } from './build-pack';
export { type CalibrationReport, calibrateActivationReport } from './calibrate';
export { type DataKind, type DataSources, importDataset, readRawSet, sniffData } from './import';
export { DATA_LIMITS } from './limits';
export { type NdArray, parseNpy, writeNpy } from './npy';
export { parseNpz } from './npz';
export { type PackFileOptions, readPackFile } from './pack-file';
export type { RawSequence, RawSet } from './raw-set';

// The engine's public API: what workers, tools and tests import.
export { type CompiledLayer, type CompiledModel, compileModel, type FixedArith } from './compile';
export { addCounters, computeFigures, emptyCounters, layerCounters, zeroCounters } from './costs';
export { type DenseOptions, type DenseResult, runDenseSequence } from './dense';
export { CancelledError } from './errors';
export {
  curvePoint,
  type EvalOptions,
  evaluatePack,
  finishSweep,
  type GridPoint,
  mergeEvalResults,
  sweepPack,
  sweepPackPartial,
  uniformThresholds,
} from './evaluate';
export {
  ACT_MAX,
  ACT_MIN,
  buildTables,
  dequantize,
  type GateTables,
  lookup,
  quantize,
  roundTo,
  type SatCounter,
  saturate,
} from './fixed';
export type { Frames } from './frame';
export { DEFAULT_FIXED_POINT, type RandomModelOptions, randomModel } from './random-model';
export { createRunner, type Runner } from './runner';
export { createScratch, type Scratch } from './scratch';
export { runSequence, type SequenceOptions } from './sequence';
export { createStreamer, type Streamer } from './stream';
export { firedAt } from './trace';
export type * from './types';

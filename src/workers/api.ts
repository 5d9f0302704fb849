// The one contract between the page and the engine workers. Both sides import these types;
// the UI never imports src/engine at run time, only this module's types and the client.
import type {
  CurvePoint,
  EvalResult,
  FixedPointSpec,
  NumericMode,
  OperatingPoint,
  Provenance,
  SampleItem,
  SequenceResult,
  TaskMeta,
  Thresholds,
} from '../engine/types';

/**
 * The largest file a user may hand the lab (model, pack, recording), checked against File.size
 * before a byte is read: the same cap as the format readers' (LIMITS.maxFileBytes).
 */
export const MAX_USER_FILE_BYTES = 128 * 1024 * 1024;

/** public/models/manifest.json */
export interface Manifest {
  version: 1;
  models: ManifestModel[];
  packs: ManifestPack[];
}

export interface ManifestModel {
  id: string;
  /** Task id shared with its packs, e.g. "digits". */
  task: string;
  /** Training method: dense | rounded | noise | delta | delta-l1 | example ... */
  method: string;
  label: string;
  /** Paths relative to manifest.json. */
  file: string;
  curve?: string;
  report?: string;
  /** Sample pack id this model is evaluated on by default. */
  pack: string;
}

export interface ManifestPack {
  id: string;
  task: string;
  label: string;
  file: string;
}

export interface ModelInfo {
  id: string;
  name: string;
  description: string;
  task: TaskMeta;
  outputAt: 'last' | 'every';
  layers: { inputSize: number; hiddenSize: number }[];
  fixedPoint: FixedPointSpec;
  trainedThresholds: Thresholds;
  provenance: Provenance;
}

export interface PackInfo {
  id: string;
  name: string;
  task: TaskMeta;
  inputSize: number;
  items: SampleItem[];
}

export interface TraceRequest {
  modelId: string;
  packId: string;
  itemIndex: number;
  thresholds: Thresholds;
  mode: NumericMode;
}

/** The log-mel frames of one pack item, for the input view (int8 activation codes, frame-major). */
export interface ItemFrames {
  frames: Int8Array;
  length: number;
  inputSize: number;
  fracBits: number;
}

export interface EvalRequest {
  modelId: string;
  packId: string;
  thresholds: Thresholds;
  mode: NumericMode;
  /** Item range [from, to) for pool splitting; whole pack when absent. */
  from?: number;
  to?: number;
}

export interface SweepRequest {
  modelId: string;
  packId: string;
  mode: NumericMode;
  grid: { thetaX: number; thetaH: number }[];
  from?: number;
  to?: number;
}

/** Worker starts and replacements by cause, since the client was created. */
export interface WorkerStats {
  spawned: number;
  errors: number;
  exits: number;
  hangs: number;
  timeouts: number;
  retries: number;
}

export type ProgressFn = (done: number, total: number) => void;

export type EngineErrorKind = 'format' | 'not-found' | 'cancelled' | 'worker-died' | 'timeout' | 'internal';

/** Errors crossing the worker boundary carry a kind the UI can act on. */
export interface EngineErrorInfo {
  kind: EngineErrorKind;
  message: string;
}

/** How a dropped data file becomes a pack: NumPy/CSV data is built for a loaded model (docs/onnx.md). */
export interface PackSourceOptions {
  /** The loaded model the data is for (input size, activation format, classes). */
  forModel?: string;
  /** A labels .npy for a .npy of features. */
  labels?: ArrayBuffer;
}

/** What one worker exposes through Comlink. jobId lets cancel() stop a running job. */
export interface EngineWorkerApi {
  /** A .dlm or an ONNX model. */
  loadModel(id: string, bytes: ArrayBuffer): Promise<ModelInfo>;
  /** A .dlp pack, or .npy/.npz/.csv data for options.forModel. */
  loadPack(id: string, bytes: ArrayBuffer, options?: PackSourceOptions): Promise<PackInfo>;
  itemFrames(packId: string, itemIndex: number): Promise<ItemFrames>;
  /** A WAV file (any PCM/float depth, channels, rate) to the model's quantized log-mel frames. */
  wavFeatures(jobId: number, modelId: string, bytes: ArrayBuffer): Promise<ItemFrames>;
  trace(req: TraceRequest): Promise<SequenceResult>;
  evaluate(jobId: number, req: EvalRequest, onProgress?: ProgressFn): Promise<EvalResult>;
  sweep(jobId: number, req: SweepRequest, onProgress?: ProgressFn): Promise<CurvePoint[]>;
  /**
   * Items [from, to) at every grid point, one mergeable EvalResult per point in grid order: the pool
   * merges these across workers (mergeEvalResults / finishSweep) into exactly a single worker's curve.
   */
  sweepPartial(jobId: number, req: SweepRequest, onProgress?: ProgressFn): Promise<EvalResult[]>;
  cancel(jobId: number): void;
  /** Answers at once: the page's heartbeat (a worker that stops answering is hung). */
  ping(): Promise<true>;
}

/**
 * What the page uses (src/workers/client.ts implements it over a pool of EngineWorkerApi workers).
 * evaluate/sweep/trace are "latest wins" per method: a new call cancels the one still running, which
 * rejects with an EngineError of kind 'cancelled' (the UI ignores those).
 */
export interface EngineClient {
  readonly workerCount: number;
  manifest(): Promise<Manifest>;
  /** Loads a model into every worker; from the manifest or from bytes a user dropped. */
  loadModel(source: { entry: ManifestModel } | { id: string; bytes: ArrayBuffer }): Promise<ModelInfo>;
  loadPack(
    source: { entry: ManifestPack } | ({ id: string; bytes: ArrayBuffer } & PackSourceOptions),
  ): Promise<PackInfo>;
  /** The shipped precomputed trade-off curve of a model (validated JSON). */
  shippedCurve(entry: ManifestModel): Promise<CurvePoint[]>;
  /** The operating point chosen on validation data, from the model's training report (null if none). */
  shippedOperatingPoint(entry: ManifestModel): Promise<OperatingPoint | null>;
  itemFrames(packId: string, itemIndex: number): Promise<ItemFrames>;
  /** Features computed in a worker from a WAV file, exactly as training computed them in Node. */
  wavFeatures(modelId: string, bytes: ArrayBuffer): Promise<ItemFrames>;
  trace(req: TraceRequest): Promise<SequenceResult>;
  evaluate(req: EvalRequest, onProgress?: ProgressFn): Promise<EvalResult>;
  sweep(req: SweepRequest, onProgress?: ProgressFn): Promise<CurvePoint[]>;
  /** How many workers were started and why any were replaced (diagnostics). */
  stats(): WorkerStats;
  cancelAll(): void;
  dispose(): void;
}

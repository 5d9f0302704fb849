// The one contract between the page and the engine workers. Both sides import these types;
// the UI never imports src/engine at run time, only this module's types and the client.
import type { CnnCost } from '../engine/cnn/cost';
import type { FrameChanges } from '../engine/features/frame-changes';
import type { ActivationChoice, ActivationDecision } from '../engine/onnx/quantize';
import type { StepTiming } from '../engine/timing/step-timing';

export type { ActivationChoice, ActivationSource } from '../engine/onnx/quantize';

import type { ListenBatch, ListenTotals } from '../engine/transcribe';
import type {
  CostFigures,
  CurvePoint,
  EvalResult,
  FixedPointSpec,
  NumericMode,
  OperatingPoint,
  Provenance,
  QFormat,
  SampleItem,
  SequenceResult,
  TaskMeta,
  Thresholds,
} from '../engine/types';
import type { WholeNetworkCost } from '../engine/vision/whole-cost';

export type { StepTiming } from '../engine/timing/step-timing';

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
  /** What the inputs are (features.kind: 'logmel', 'synthetic-example', …), for the page's labels. */
  featureKind?: string;
  /** The model's CNN front end (driving): frame size and its dense cost per frame. */
  cnn?: { width: number; height: number; features: number; cost: CnnCost };
  /** An ONNX model: its activation format (fixedPoint.activation), how it was chosen, and on what data. */
  quantization?: ModelQuantization;
}

export interface ModelQuantization extends ActivationDecision {
  /** What was asked for: a format, or auto (calibrated on data when there is data). */
  choice: ActivationChoice;
  /** The data file calibrated on (source 'calibrated'). */
  calibratedOn?: string;
}

export interface PackInfo {
  id: string;
  name: string;
  task: TaskMeta;
  inputSize: number;
  items: SampleItem[];
  /** The activation format of its codes (a model in another format cannot read them). */
  activation?: QFormat;
  /** NumPy/CSV data: its real values quantized, and those clamped to the model's activation format. */
  quantized?: { values: number; saturated: number };
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
  /** wavFeatures: no sample of the recording reaches −60 dBFS (silence only). */
  silent?: boolean;
}

/** A pack item's recording, for playing it in step with the playhead (src/workers/item-audio.ts). */
export interface ItemAudio {
  /** A 16-bit PCM mono WAV file. */
  wav: Uint8Array;
  seconds: number;
  /** Audio seconds per playhead step: step t starts at t * secondsPerStep. */
  secondsPerStep: number;
  /** Where the recording comes from and its licence (the pack's provenance), e.g. for FSDD CC BY-SA 4.0. */
  credit: string;
}

/** A window of an item's frames (from, length) for the explanation's step 3. */
export interface InputChangesRequest {
  packId: string;
  itemIndex: number;
  /** Frames [from, to) of the item (default: all of it). */
  from?: number;
  to?: number;
  /** Threshold in LSB that the changes are counted against. */
  theta: number;
}

/** The window's frames and their frame-to-frame changes (src/engine/features/frame-changes.ts). */
export interface InputChanges extends ItemFrames, FrameChanges {
  from: number;
}

/** Frames that are not in a pack (a recording), run through a model as a sample. */
export interface FramesTraceRequest {
  modelId: string;
  /** Activation codes, frame-major (ItemFrames.frames of wavFeatures or voiceStop). */
  frames: Int8Array;
  length: number;
  thresholds: Thresholds;
  mode: NumericMode;
}

/** The most frames traceFrames plays as a sample: 30 s of speech at 10 ms a frame. */
export const MAX_TRACE_FRAMES = 3000;

/** A microphone recording: samples at the device's rate, features for the model's spec. */
export interface VoiceStartRequest {
  sessionId: string;
  modelId: string;
  sampleRate: number;
}

/** What one piece of microphone samples gave. */
export interface VoiceBatch {
  /** Codes of the frames coded since the last batch (frame-major), from the start of speech on. */
  frames: Int8Array;
  /** Frames coded since the start of speech, these included. */
  length: number;
  /** Loudest frame of this piece in dBFS (−Infinity for silence or when no frame completed). */
  level: number;
  /** The endpoint gate: waiting for speech, in speech, or the word has ended (stop now). */
  state: 'waiting' | 'speech' | 'ended';
}

/** The recording trimmed to the word, as codes and as a 16-bit WAV at the model's rate. */
export interface VoiceRecording extends ItemFrames {
  wav: ArrayBuffer;
  seconds: number;
  /** The word went on past the longest recording and was cut there. */
  cut: boolean;
}

/** Always-on listening (CTC models): a long recording's frames, or with sampleRate the microphone. */
export interface ListenStartRequest {
  sessionId: string;
  modelId: string;
  thresholds: Thresholds;
  mode: NumericMode;
  /** The microphone's rate: the session then takes samples (features made in the worker). */
  sampleRate?: number;
}

export interface ListenInfo {
  /** Frames per second of audio: the time base of the rates and of pacing a recording. */
  framesPerSecond: number;
}

/** What the new frames of a listening session gave (one entry per frame), and the totals so far. */
export interface ListenReply extends ListenBatch {
  /** The frames' codes (frame-major), for the input view. */
  codes: Int8Array;
  /** Loudest new frame in dBFS (microphone); −Infinity for frames sent as codes. */
  level: number;
  totals: ListenTotals;
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

/** One clip of a simulated-driving pack, re-rendered in the worker from the pack's seed. */
export interface DrivingClipRequest {
  modelId: string;
  packId: string;
  itemIndex: number;
}

export interface DrivingClipFrames {
  seed: number;
  width: number;
  height: number;
  fps: number;
  length: number;
  /** length x height x width grey pixels, frame-major (simulated, rendered from the seed). */
  frames: Uint8Array;
  /** The simulator's driver: the true steering (degrees, + = left) and lane offset (m) per frame. */
  steering: Float32Array;
  lateralError: Float32Array;
  /** clipDigest of what was rendered, and what the pack says it must be. */
  digest: string;
  packDigest: string;
  /** Feature codes the model's CNN computed from these pixels that differ from the pack's (0: identical). */
  featureMismatches: number;
  /** CNN MACs per frame when the clip runs through a delta CNN (the check above used one). */
  deltaCnnMacsPerFrame: number;
}

/** A closed-loop drive: the network steers a simulated car on a seeded endless road. */
export interface RoadStartRequest {
  sessionId: string;
  modelId: string;
  seed: number;
  thresholds: Thresholds;
  mode: NumericMode;
}

/** One frame of the drive: what the camera saw, what the network answered, where the car went. */
export interface RoadFrame {
  t: number;
  /** height x width grey pixels the network saw at this frame. */
  frame: Uint8Array;
  /** The network's steering (degrees, + = left), applied to the car. */
  steering: number;
  /** Metres left of the lane centre after the step; offRoad once the car left the paved road. */
  lateralError: number;
  offRoad: boolean;
  /** Layer 0: fired inputs and hidden units, and the mask (inputs then hidden units). */
  nx: number;
  nh: number;
  fired: Uint8Array;
  /** CNN MACs the delta CNN executed on this frame (only what changed; the same features as dense). */
  cnnMacs: number;
  /** This frame's GRU cost (with delta overhead) and the whole network's (dense CNN + GRU). */
  gruDenseCost: number;
  gruDeltaCost: number;
  wholeDenseCost: number;
  wholeDeltaCost: number;
}

/** Since the last reset. */
export interface RoadTotals {
  frames: number;
  figures: CostFigures;
  whole: WholeNetworkCost;
  /** Root mean square and largest |lateral error| (m). */
  rmsLateral: number;
  maxLateral: number;
  offRoad: boolean;
}

export interface RoadBatch {
  sessionId: string;
  frames: RoadFrame[];
  totals: RoadTotals;
  /** The session was lost with its worker and started again from the seed. */
  restarted?: boolean;
}

/** Worker starts and replacements by cause, since the client was created. */
export interface WorkerStats {
  spawned: number;
  /** Slots ready for calls: replacements once they reloaded what the page had loaded (the first ones at once). */
  primed: number;
  errors: number;
  exits: number;
  hangs: number;
  timeouts: number;
  retries: number;
  /** Calls of a silent worker also started on the spare (the first answer wins). */
  hedges: number;
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

/** How a dropped ONNX model is quantized (src/engine/onnx/quantize.ts); a .dlm keeps its own format. */
export interface ModelSourceOptions {
  /** Default 'auto'. */
  activation?: ActivationChoice;
  /** Data to calibrate 'auto' on: a .npy/.npz/.csv file (and a labels .npy for a features .npy). */
  calibrate?: { name: string; data: ArrayBuffer; labels?: ArrayBuffer };
}

/** What one worker exposes through Comlink. jobId lets cancel() stop a running job. */
export interface EngineWorkerApi {
  /** A .dlm or an ONNX model (quantized as options say), replacing one of the same id. */
  loadModel(id: string, bytes: ArrayBuffer, options?: ModelSourceOptions): Promise<ModelInfo>;
  /** A .dlp pack, or .npy/.npz/.csv data for options.forModel. */
  loadPack(id: string, bytes: ArrayBuffer, options?: PackSourceOptions): Promise<PackInfo>;
  itemFrames(packId: string, itemIndex: number): Promise<ItemFrames>;
  /** The item's recording (null when the pack has none for it). */
  itemAudio(packId: string, itemIndex: number): Promise<ItemAudio | null>;
  inputChanges(req: InputChangesRequest): Promise<InputChanges>;
  /** A WAV file (any PCM/float depth, channels, rate) to the model's quantized log-mel frames. */
  wavFeatures(jobId: number, modelId: string, bytes: ArrayBuffer): Promise<ItemFrames>;
  trace(req: TraceRequest): Promise<SequenceResult>;
  /** A trace of frames that are not in a pack (a recording), with the same figures as trace(). */
  traceFrames(req: FramesTraceRequest): Promise<SequenceResult>;
  /** A microphone session (replacing one of the same id); then pieces of samples, then the recording. */
  voiceStart(req: VoiceStartRequest): Promise<void>;
  voicePush(sessionId: string, samples: Float32Array): Promise<VoiceBatch>;
  /** Ends the session: the recording trimmed to the word, or a 'format' error if only silence came. */
  voiceStop(sessionId: string): Promise<VoiceRecording>;
  /** An always-on listening session (replacing one of the same id). */
  listenStart(req: ListenStartRequest): Promise<ListenInfo>;
  listenFrames(sessionId: string, codes: Int8Array, frames: number): Promise<ListenReply>;
  listenSamples(sessionId: string, samples: Float32Array): Promise<ListenReply>;
  listenStop(sessionId: string): Promise<void>;
  evaluate(jobId: number, req: EvalRequest, onProgress?: ProgressFn): Promise<EvalResult>;
  sweep(jobId: number, req: SweepRequest, onProgress?: ProgressFn): Promise<CurvePoint[]>;
  /** Wall-clock time per step of the dense and the delta GRU on one pack item, measured in this worker. */
  timeSteps(req: TraceRequest): Promise<StepTiming>;
  /**
   * Items [from, to) at every grid point, one mergeable EvalResult per point in grid order: the pool
   * merges these across workers (mergeEvalResults / finishSweep) into exactly a single worker's curve.
   */
  sweepPartial(jobId: number, req: SweepRequest, onProgress?: ProgressFn): Promise<EvalResult[]>;
  /** Re-renders a driving clip from its seed, checks it against the pack's digest and features. */
  drivingClip(jobId: number, req: DrivingClipRequest): Promise<DrivingClipFrames>;
  /** A new closed-loop drive (replacing one of the same id), before its first frame. */
  roadStart(req: RoadStartRequest): Promise<RoadBatch>;
  /** Drives up to `frames` frames in ~12 ms slices and returns each one. */
  roadRun(jobId: number, sessionId: string, frames: number): Promise<RoadBatch>;
  roadThresholds(sessionId: string, thresholds: Thresholds): Promise<void>;
  roadStop(sessionId: string): Promise<void>;
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
  loadModel(
    source: { entry: ManifestModel } | ({ id: string; bytes: ArrayBuffer } & ModelSourceOptions),
  ): Promise<ModelInfo>;
  /**
   * Quantizes a loaded ONNX model again (another format, or calibrated on data) in every worker,
   * then rebuilds the NumPy/CSV packs read for it, whose codes depend on the format.
   */
  requantizeModel(id: string, options: ModelSourceOptions): Promise<{ model: ModelInfo; packs: PackInfo[] }>;
  loadPack(
    source: { entry: ManifestPack } | ({ id: string; bytes: ArrayBuffer } & PackSourceOptions),
  ): Promise<PackInfo>;
  /** The shipped precomputed trade-off curve of a model (validated JSON). */
  shippedCurve(entry: ManifestModel): Promise<CurvePoint[]>;
  /** The operating point chosen on validation data, from the model's training report (null if none). */
  shippedOperatingPoint(entry: ManifestModel): Promise<OperatingPoint | null>;
  itemFrames(packId: string, itemIndex: number): Promise<ItemFrames>;
  /** The item's recording, decoded to a WAV in a worker (null when the pack has none for it). */
  itemAudio(packId: string, itemIndex: number): Promise<ItemAudio | null>;
  /** A window of an item's frames and how much they change from frame to frame, counted against Θ. */
  inputChanges(req: InputChangesRequest): Promise<InputChanges>;
  /** Features computed in a worker from a WAV file, exactly as training computed them in Node. */
  wavFeatures(modelId: string, bytes: ArrayBuffer): Promise<ItemFrames>;
  trace(req: TraceRequest): Promise<SequenceResult>;
  /** A recording's frames through the model (latest wins). */
  traceFrames(req: FramesTraceRequest): Promise<SequenceResult>;
  /** One microphone session at a time, pinned to one worker; start replaces the running one. */
  voiceStart(req: Omit<VoiceStartRequest, 'sessionId'>): Promise<void>;
  voicePush(samples: Float32Array): Promise<VoiceBatch>;
  voiceStop(): Promise<VoiceRecording>;
  /** Always-on listening: one session at a time, pinned to one worker; start replaces the running one. */
  listenStart(req: Omit<ListenStartRequest, 'sessionId'>): Promise<ListenInfo>;
  listenFrames(codes: Int8Array, frames: number): Promise<ListenReply>;
  listenSamples(samples: Float32Array): Promise<ListenReply>;
  listenStop(): Promise<void>;
  evaluate(req: EvalRequest, onProgress?: ProgressFn): Promise<EvalResult>;
  sweep(req: SweepRequest, onProgress?: ProgressFn): Promise<CurvePoint[]>;
  /**
   * The same as sweep, latest-wins on its own (the lab's Θx × Θh heatmap), so it and "recompute live"
   * do not cancel each other; cancelGrid() stops it alone (when a new setting needs the workers).
   */
  sweepGrid(req: SweepRequest, onProgress?: ProgressFn): Promise<CurvePoint[]>;
  cancelGrid(): void;
  /** Measured wall-clock time per step, dense and delta, of one pack item in a worker (latest wins). */
  timeSteps(req: TraceRequest): Promise<StepTiming>;
  /** A driving clip re-rendered from the pack's seed and verified (latest wins). */
  drivingClip(req: DrivingClipRequest): Promise<DrivingClipFrames>;
  /** Live road: one session at a time, pinned to one worker; start replaces the running one. */
  roadStart(req: Omit<RoadStartRequest, 'sessionId'>): Promise<RoadBatch>;
  roadRun(frames: number): Promise<RoadBatch>;
  roadThresholds(thresholds: Thresholds): Promise<void>;
  /** Back to the start of the same road (same seed): state and totals cleared. */
  roadReset(): Promise<RoadBatch>;
  roadStop(): Promise<void>;
  /** How many workers were started and why any were replaced (diagnostics). */
  stats(): WorkerStats;
  cancelAll(): void;
  dispose(): void;
}

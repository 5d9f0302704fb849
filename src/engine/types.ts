// The shared vocabulary of the engine: models, thresholds, costs, traces.
// Every other part of DeltaLab (format, workers, UI, tools) speaks these types.
import type { Cnn } from './cnn/types';
import type { TraceTranscript } from './transcribe/trace-transcript';
import type { WholeNetworkCost } from './vision/whole-cost';

/** Signed 8-bit fixed point Qm.f: 1 sign bit, m integer bits, f fractional bits (1 + m + f = 8). */
export interface QFormat {
  intBits: number;
  fracBits: number;
}

export type Rounding = 'nearest' | 'floor';

/** What the model file declares about its fixed-point arithmetic (DESIGN.md section 4). */
export interface FixedPointSpec {
  /** Inputs, hidden states, deltas and transmitted values. Θ is counted in LSBs of this format. */
  activation: QFormat;
  /** Signed integer weights of this many bits (8 or 16), LSB = 2^-weightFrac. */
  weightBits: 8 | 16;
  weightFrac: number;
  /** Accumulator width in bits (e.g. 32); accumulators saturate there and the event is counted. */
  accumulatorBits: number;
  rounding: Rounding;
  /** Fractional bits of the sigmoid/tanh table outputs and of the gate arithmetic. */
  gateFrac: number;
  /** Fractional bits of a table's input (the pre-activation is rounded to this step before lookup). */
  tableInputFrac: number;
  /** Table inputs are clamped to [-tableInputRange, tableInputRange). */
  tableInputRange: number;
}

export type NumericMode = 'float' | 'fixed';

/**
 * One GRU layer in PyTorch/ONNX layout (linear_before_reset = 1): gate rows ordered r, z, n,
 * each H rows. wIh is 3H x I row-major, wHh is 3H x H row-major, biases 3H.
 */
export interface GruLayer {
  inputSize: number;
  hiddenSize: number;
  wIh: Float32Array;
  wHh: Float32Array;
  bIh: Float32Array;
  bHh: Float32Array;
}

/** A dense layer, weight out x in row-major. */
export interface DenseLayer {
  inSize: number;
  outSize: number;
  weight: Float32Array;
  bias: Float32Array;
}

/** 'linear' has one layer; 'mlp' has two (linear -> ReLU -> linear). Runs in float in both modes. */
export interface Readout {
  kind: 'linear' | 'mlp';
  layers: DenseLayer[];
}

/** Per-layer thresholds in activation LSBs (whole numbers >= 0). */
export interface Thresholds {
  thetaX: number[];
  thetaH: number[];
}

export type TaskMeta =
  | {
      kind: 'classification';
      classNames: string[];
      /**
       * Per-frame CTC emissions (connected digits): classNames[blank] is the blank; the transcript is
       * the greedy decoding of the frame argmaxes (src/engine/ctc) and the metric an error rate.
       */
      ctc?: { blank: number };
    }
  | { kind: 'regression'; units: string; outputNames: string[] };

/** How features were computed, so the browser computes exactly what training saw. Free-form per task. */
export type FeatureSpec = Record<string, unknown>;

export interface Provenance {
  dataset: string;
  trainingMethod: string;
  seed: number;
  license: string;
  attribution: string;
  createdBy: string;
  metrics?: Record<string, number>;
  notes?: string;
}

export interface Model {
  name: string;
  description: string;
  layers: GruLayer[];
  readout: Readout;
  fixedPoint: FixedPointSpec;
  /** Thresholds the model was trained for (or the recommended setting). */
  trainedThresholds: Thresholds;
  task: TaskMeta;
  /** 'last': classify from the readout after the final step; 'every': a readout target at every step. */
  outputAt: 'last' | 'every';
  features: FeatureSpec;
  provenance: Provenance;
  /** Optional CNN front end (driving): pixels to the features layer 0 reads, in its activation format. */
  cnn?: Cnn;
}

/** An evaluation set: quantized feature sequences in the activation format, with labels and ids. */
export interface SampleItem {
  id: string;
  /** Offset in frames into SamplePack.frames (frame = inputSize values). */
  offset: number;
  length: number;
  /** Class index for classification (-1 for CTC). For regression, targets live in SamplePack.targets. */
  label: number;
  /** CTC tasks: the reference label sequence (class indices, never the blank). */
  labels?: number[];
  speaker?: string;
  take?: number;
  /** Where this item's recording lies in SamplePack.audio (absent: no audio for this item). */
  audio?: ItemAudioRange;
}

export interface ItemAudioRange {
  /** Byte offset into PackAudio.data, where this item's stream starts. */
  offset: number;
  /** Audio samples in the stream (it holds adpcmBytes(samples) bytes). */
  samples: number;
}

/** The recordings the frames were computed from, compressed (IMA ADPCM, src/engine/audio). */
export interface PackAudio {
  encoding: 'ima-adpcm';
  sampleRate: number;
  /** Frame t of an item starts at audio sample t * samplesPerFrame (the feature hop). */
  samplesPerFrame: number;
  /** Every item's stream, back to back. */
  data: Uint8Array;
}

export interface SamplePack {
  name: string;
  task: TaskMeta;
  activation: QFormat;
  inputSize: number;
  features: FeatureSpec;
  items: SampleItem[];
  /** All frames of all items, int8 in the activation format, frame-major. */
  frames: Int8Array;
  /** Regression targets: outputs per frame, aligned with frames (frames.length / inputSize * outputs). */
  targets?: Float32Array;
  audio?: PackAudio;
  provenance: Provenance;
}

/** Raw additive cost counters (DESIGN.md section 3); figures are derived by computeFigures. */
export interface LayerCounters {
  steps: number;
  /** Σ n_x and Σ n_h over steps. */
  firedX: number;
  firedH: number;
  /** Σ (I + H) over steps: the occupancy denominator. */
  possible: number;
  denseMacs: number;
  deltaMacs: number;
  denseCost: number;
  deltaCost: number;
  denseMem: number;
  deltaMem: number;
  /** Fixed point: accumulator and activation saturation events. */
  accSaturations: number;
  actSaturations: number;
}

export interface CostCounters {
  layers: LayerCounters[];
}

export interface CostFigures {
  /** Σ dense cost / Σ delta cost (headline). */
  speedup: number;
  /** Σ dense MACs / Σ delta MACs; Infinity when nothing fired. */
  macReduction: number;
  memReduction: number;
  /** Per layer (n_x + n_h) / (I + H), averaged over steps by counts. */
  occupancy: number[];
  /** Per layer: that layer's Σ dense cost / Σ delta cost (a deeper network's layers differ). */
  layerSpeedup: number[];
  /** Over all layers. */
  occupancyAll: number;
  denseMacs: number;
  deltaMacs: number;
  denseCost: number;
  deltaCost: number;
  denseMem: number;
  deltaMem: number;
  saturations: number;
}

/** One step of one layer, for animation (values in real units, i.e. int / 2^f in fixed mode). */
export interface LayerStep {
  x: Float32Array;
  xHat: Float32Array;
  deltaX: Float32Array;
  firedX: Uint8Array;
  hPrev: Float32Array;
  hHat: Float32Array;
  deltaH: Float32Array;
  firedH: Uint8Array;
  h: Float32Array;
  /** Accumulators M_r, M_z, M_nx, M_nh (real units). */
  mR: Float32Array;
  mZ: Float32Array;
  mNx: Float32Array;
  mNh: Float32Array;
  nx: number;
  nh: number;
}

export interface StepResult {
  t: number;
  layers: LayerStep[];
  /** Readout of the top layer's h at this step (logits or regression values). */
  output: Float32Array;
  /** Softmax of output for classification; equals output for regression. */
  probs: Float32Array;
}

/**
 * A compact whole-sequence trace for animation. Per layer, arrays are step-major:
 * [t * I + i] for input-sized arrays, [t * H + j] for hidden-sized ones. Fired masks are bitsets,
 * words per step = ceil(size / 32), bit (k & 31) of word [t * words + (k >> 5)].
 */
export interface LayerTrace {
  inputSize: number;
  hiddenSize: number;
  x: Float32Array;
  xHat: Float32Array;
  firedX: Uint32Array;
  hPrev: Float32Array;
  hHat: Float32Array;
  firedH: Uint32Array;
  h: Float32Array;
  /** n_x, n_h per step. */
  nx: Uint16Array;
  nh: Uint16Array;
}

export interface SequenceTrace {
  steps: number;
  layers: LayerTrace[];
  /** Per step, all layers: Σ (n_x + n_h), the entries that transmit at that step. */
  fired: Uint32Array;
  /** Per step, all layers: firing events from the first step up to and including this one. */
  firedSoFar: Float64Array;
  /** T x outputs. */
  output: Float32Array;
  probs: Float32Array;
}

export interface SequenceResult {
  /** Final-step readout (classification) or the last step's output (regression). */
  output: Float32Array;
  probs: Float32Array;
  /** argmax of the final output for classification; -1 for regression. */
  prediction: number;
  /** Regression only: Σ squared error and count over steps, when targets are given. */
  sqError?: number;
  sqCount?: number;
  costs: CostCounters;
  /** computeFigures(costs), set by the worker's trace reply so the page shows per-sequence figures. */
  figures?: CostFigures;
  /** Models with a CNN front end: CNN + GRU per frame (set by the worker beside figures). */
  whole?: WholeNetworkCost;
  trace?: SequenceTrace;
  /** Section 3's rows step by step (set by the worker's trace reply, for the guided explanation). */
  stepCosts?: StepCosts;
  /** CTC models: the greedy-decoded transcript frame by frame (set by the worker's trace reply). */
  transcript?: TraceTranscript;
}

/** The cost rows of DESIGN.md section 3 for each layer and step, and the network's running sums. */
export interface StepCosts {
  /** [layer][step]: that layer's counters for that one step (steps = 1). */
  layers: LayerCounters[][];
  /** Per step, all layers, from the first step up to and including this one. */
  denseMacsSoFar: Float64Array;
  deltaMacsSoFar: Float64Array;
}

export interface EvalResult {
  n: number;
  /** Classification. */
  correct?: number;
  accuracy?: number;
  /** Regression. */
  rmse?: number;
  /** CTC: greedy transcripts against item.labels; errorRate = edits / refLength (summed, as WER). */
  errorRate?: number;
  edits?: number;
  refLength?: number;
  /**
   * Regression: Σ squared error per item and the number of compared values, so results split by
   * item merge to exactly the same rmse (summed in item order either way).
   */
  itemSqError?: Float64Array;
  sqCount?: number;
  /** Per item prediction (class index, or -1 for regression). */
  predictions: Int32Array;
  costs: CostCounters;
  figures: CostFigures;
  /** Models with a CNN front end: CNN + GRU per frame (set by the client after merging). */
  whole?: WholeNetworkCost;
}

export interface CurvePoint {
  thetaX: number;
  thetaH: number;
  /** 0-1; absent for regression and CTC. */
  accuracy?: number;
  rmse?: number;
  /** CTC: Σ edit distance / Σ reference length, 0-1 (can exceed 1 only with many insertions). */
  errorRate?: number;
  speedup: number;
  macReduction: number;
  memReduction: number;
  occupancy: number;
}

/** A threshold setting chosen on validation data for a model (its training report says how). */
export interface OperatingPoint {
  thetaX: number;
  thetaH: number;
  selectedOn: string;
}

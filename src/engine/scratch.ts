// Preallocated state and work buffers for one compiled model, reused across steps, sequences and a
// whole data set so the hot path never allocates.
import type { CompiledModel } from './compile';

/** One layer's delta-GRU state (values in state units: codes in fixed mode) plus raw counters. */
export class LayerState {
  readonly xHat: Float32Array;
  readonly hHat: Float32Array;
  readonly h: Float32Array;
  /** [M_r | M_z | M_nx | M_nh] in accumulator units. */
  readonly acc: Float64Array;
  /** This step's fired entries as columns of the layer's joint weight buffer (input i, hidden unit
   * I + j): inputs first (nx of them), then hidden units (nh). */
  readonly firedIdx: Int32Array;
  /** The deltas of the fired entries, aligned with firedIdx. */
  readonly firedD: Float64Array;
  nx = 0;
  nh = 0;
  steps = 0;
  firedX = 0;
  firedH = 0;
  accSat = 0;
  actSat = 0;

  constructor(inputSize: number, hiddenSize: number) {
    this.xHat = new Float32Array(inputSize);
    this.hHat = new Float32Array(hiddenSize);
    this.h = new Float32Array(hiddenSize);
    this.acc = new Float64Array(4 * hiddenSize);
    this.firedIdx = new Int32Array(inputSize + hiddenSize);
    this.firedD = new Float64Array(inputSize + hiddenSize);
  }
}

export interface Scratch {
  cm: CompiledModel;
  /** The current frame of layer 0, in state units. */
  input: Float32Array;
  layers: LayerState[];
  /** Firing thresholds per layer in state units (Θ · thetaScale). */
  thX: Float64Array;
  thH: Float64Array;
  /** Readout work buffers: hidden layer of an MLP readout, logits/values, softmax. */
  mid: Float64Array;
  output: Float64Array;
  probs: Float64Array;
  /** Regression error of the last sequence (Σ squared error and its count). */
  sqError: number;
  sqCount: number;
}

export function createScratch(cm: CompiledModel): Scratch {
  const ro = cm.model.readout.layers;
  return {
    cm,
    input: new Float32Array(cm.inputSize),
    layers: cm.layers.map((l) => new LayerState(l.inputSize, l.hiddenSize)),
    thX: new Float64Array(cm.layers.length),
    thH: new Float64Array(cm.layers.length),
    mid: new Float64Array(ro.length > 1 ? ro[0].outSize : 0),
    output: new Float64Array(cm.outputs),
    probs: new Float64Array(cm.outputs),
    sqError: 0,
    sqCount: 0,
  };
}

/** Start of a sequence (DESIGN.md 2): x̂ = ĥ = h = 0, accumulators = biases. */
export function resetState(sc: Scratch): void {
  for (let l = 0; l < sc.layers.length; l++) {
    const s = sc.layers[l];
    s.xHat.fill(0);
    s.hHat.fill(0);
    s.h.fill(0);
    s.acc.set(sc.cm.layers[l].acc0);
    s.nx = 0;
    s.nh = 0;
  }
  sc.sqError = 0;
  sc.sqCount = 0;
}

export function resetCounters(sc: Scratch): void {
  for (const s of sc.layers) {
    s.steps = 0;
    s.firedX = 0;
    s.firedH = 0;
    s.accSat = 0;
    s.actSat = 0;
  }
}

/** Checks a scratch belongs to this model (reusing another model's buffers would corrupt both). */
export function scratchFor(cm: CompiledModel, sc: Scratch | undefined): Scratch {
  if (!sc) return createScratch(cm);
  if (sc.cm !== cm) throw new Error('scratch was created for a different compiled model');
  return sc;
}

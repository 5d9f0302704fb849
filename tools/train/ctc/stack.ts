// Stacked GRU layers with a per-frame readout trained by CTC: each layer is gru.ts's forwardLayer /
// backwardLayer (the same delta, rounding, noise and L1 forward as the digits models), the layer
// above reads the layer below's h_t as its x_t (with its own x̂ in delta mode, as the engine does),
// and the gradient flows back through those inputs straight-through.
import { editDistance, greedyDecode } from '../../../src/engine/ctc/index';
import type { Rng } from '../../../src/engine/random';
import {
  backwardLayer,
  type ForwardConfig,
  forwardLayer,
  LAYER_KEYS,
  type LayerRun,
  type LayerWeights,
  stepInputs,
} from '../gru';
import { ctcLoss, logSoftmax } from './ctc-loss';

export interface StackParams {
  layers: LayerWeights[];
  classes: number;
  /** classes x H_top, classes. */
  wOut: Float64Array;
  bOut: Float64Array;
}

export interface CtcSequence {
  /** T x I real values, frame-major. */
  x: Float32Array;
  labels: number[];
  /** Per-frame classes, for the auxiliary framewise cross-entropy of the first epochs only. */
  frameLabels?: Int32Array;
}

export interface CtcBatchStats {
  /** Σ CTC loss + the L1 term over the batch. */
  loss: number;
  /** Per layer: Σ fired (monitor thresholds) and Σ (I + H) over steps. */
  fired: number[];
  possible: number[];
  /** Greedy transcripts of the float forward, in the order given. */
  transcripts: number[][];
  edits: number;
  refLength: number;
}

function emptyLayer(inputSize: number, hiddenSize: number): LayerWeights {
  const g = 3 * hiddenSize;
  return {
    inputSize,
    hiddenSize,
    wIh: new Float64Array(g * inputSize),
    wHh: new Float64Array(g * hiddenSize),
    bIh: new Float64Array(g),
    bHh: new Float64Array(g),
  };
}

export function zeroStack(inputSize: number, hidden: number[], classes: number): StackParams {
  let i = inputSize;
  const layers = hidden.map((h) => {
    const l = emptyLayer(i, h);
    i = h;
    return l;
  });
  return { layers, classes, wOut: new Float64Array(classes * i), bOut: new Float64Array(classes) };
}

/** Every parameter array, in a fixed order (for Adam and checkpoints). */
export function stackArrays(p: StackParams): Float64Array[] {
  return [...p.layers.flatMap((l) => LAYER_KEYS.map((k) => l[k])), p.wOut, p.bOut];
}

export const stackShape = (p: StackParams) => ({
  inputSize: p.layers[0].inputSize,
  hidden: p.layers.map((l) => l.hiddenSize),
  classes: p.classes,
});

/** PyTorch's GRU initialisation per layer (uniform ±1/sqrt(H)); the readout likewise. */
export function initStack(inputSize: number, hidden: number[], classes: number, rng: Rng): StackParams {
  const p = zeroStack(inputSize, hidden, classes);
  p.layers.forEach((l) => {
    const k = 1 / Math.sqrt(l.hiddenSize);
    for (const key of LAYER_KEYS) for (let i = 0; i < l[key].length; i++) l[key][i] = (2 * rng() - 1) * k;
  });
  const k = 1 / Math.sqrt(hidden[hidden.length - 1]);
  for (const a of [p.wOut, p.bOut]) for (let i = 0; i < a.length; i++) a[i] = (2 * rng() - 1) * k;
  return p;
}

export function cloneStack(p: StackParams): StackParams {
  const s = stackShape(p);
  const c = zeroStack(s.inputSize, s.hidden, s.classes);
  const from = stackArrays(p);
  for (const [k, a] of stackArrays(c).entries()) a.set(from[k]);
  return c;
}

/**
 * Runs a minibatch through the stack and the CTC loss; when `grad` is given, adds the gradient of
 * the summed loss to it. Loss per sequence = CTC(labels | per-frame logits) + β Σ_layers L1
 * (+ frameWeight × framewise cross-entropy against frameLabels, when frameWeight > 0).
 */
export function runCtcBatch(
  p: StackParams,
  batch: CtcSequence[],
  cfg: ForwardConfig,
  blank: number,
  rng: Rng | null,
  grad: StackParams | null,
  frameWeight = 0,
): CtcBatchStats {
  const I = p.layers[0].inputSize;
  const C = p.classes;
  const B = batch.length;
  const order = Array.from({ length: B }, (_, b) => b).sort(
    (a, b) => batch[b].x.length - batch[a].x.length || a - b,
  );
  const seqs = order.map((k) => batch[k]);
  const len = seqs.map((s) => s.x.length / I);
  const runs: LayerRun[] = [];
  let xs = stepInputs(
    seqs.map((s) => s.x),
    len,
    I,
  );
  const inputs: Float64Array[][] = [];
  for (const layer of p.layers) {
    inputs.push(xs);
    const run = forwardLayer(layer, xs, len, cfg, rng);
    runs.push(run);
    xs = run.tape.h;
  }
  const top = runs[runs.length - 1].tape;
  const H = p.layers[p.layers.length - 1].hiddenSize;
  let loss = cfg.l1 * runs.reduce((s, r) => s + r.l1, 0);
  const transcripts: number[][] = new Array(B);
  let edits = 0;
  let refLength = 0;
  // dy[b]: ∂loss/∂logits of sequence b, T_b x C.
  const dy: Float64Array[] = [];
  for (let b = 0; b < B; b++) {
    const T = len[b];
    const logits = new Float64Array(T * C);
    const classes = new Int32Array(T);
    for (let t = 0; t < T; t++) {
      const h = top.h[t];
      let best = 0;
      for (let c = 0; c < C; c++) {
        let y = p.bOut[c];
        for (let j = 0; j < H; j++) y += p.wOut[c * H + j] * h[j * B + b];
        logits[t * C + c] = y;
        if (y > logits[t * C + best]) best = c;
      }
      classes[t] = best;
    }
    const g = grad ? new Float64Array(T * C) : null;
    let l = ctcLoss(logits, T, C, seqs[b].labels, blank, g);
    if (frameWeight > 0) {
      const gf = g ? new Float64Array(T * C) : null;
      l += frameWeight * frameLoss(logits, T, C, seqs[b].frameLabels!, gf);
      if (g && gf) for (let k = 0; k < g.length; k++) g[k] += frameWeight * gf[k];
    }
    // A sequence too short for its labels has no path: it adds nothing rather than Infinity.
    if (Number.isFinite(l)) loss += l;
    if (g) dy.push(g);
    const hyp = greedyDecode(classes, blank);
    transcripts[order[b]] = hyp;
    edits += editDistance(seqs[b].labels, hyp);
    refLength += seqs[b].labels.length;
  }
  if (grad) backward(p, runs, inputs, len, dy, cfg, grad);
  return {
    loss,
    fired: runs.map((r) => r.fired),
    possible: runs.map((r) => r.possible),
    transcripts,
    edits,
    refLength,
  };
}

/** Σ_t −log softmax(logits_t)[target_t], and its gradient softmax − one-hot. */
function frameLoss(
  logits: Float64Array,
  T: number,
  C: number,
  targets: Int32Array,
  grad: Float64Array | null,
): number {
  const lp = new Float64Array(T * C);
  logSoftmax(logits, T, C, lp);
  let loss = 0;
  for (let t = 0; t < T; t++) {
    loss -= lp[t * C + targets[t]];
    if (grad)
      for (let c = 0; c < C; c++) grad[t * C + c] = Math.exp(lp[t * C + c]) - (c === targets[t] ? 1 : 0);
  }
  return loss;
}

function backward(
  p: StackParams,
  runs: LayerRun[],
  inputs: Float64Array[][],
  len: number[],
  dy: Float64Array[],
  cfg: ForwardConfig,
  grad: StackParams,
): void {
  const B = len.length;
  const C = p.classes;
  const L = p.layers.length;
  const H = p.layers[L - 1].hiddenSize;
  const top = runs[L - 1].tape;
  // The readout at every step of every running sequence.
  let inject = (t: number, dh: Float64Array, active: number) => {
    const h = top.h[t];
    for (let b = 0; b < active; b++) {
      const d = dy[b];
      for (let c = 0; c < C; c++) {
        const dl = d[t * C + c];
        if (dl === 0) continue;
        grad.bOut[c] += dl;
        const w = c * H;
        for (let j = 0; j < H; j++) {
          grad.wOut[w + j] += dl * h[j * B + b];
          dh[j * B + b] += dl * p.wOut[w + j];
        }
      }
    }
  };
  for (let l = L - 1; l >= 0; l--) {
    const layer = p.layers[l];
    // The gradient w.r.t. this layer's inputs is the gradient w.r.t. the layer below's h.
    const dxs = l > 0 ? inputs[l].map((x) => new Float64Array(x.length)) : null;
    backwardLayer(layer, runs[l].tape, len, B, cfg, grad.layers[l], inject, dxs);
    if (dxs) {
      inject = (t, dh) => {
        const d = dxs[t];
        for (let k = 0; k < dh.length; k++) dh[k] += d[k];
      };
    }
  }
}

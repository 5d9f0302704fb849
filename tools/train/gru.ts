// A one-layer GRU classifier or per-step regressor (PyTorch layout, linear_before_reset = 1) with hand-written BPTT over a
// minibatch run in lockstep; forwardLayer/backwardLayer are the layer on its own, which stacks
// (tools/train/ctc/stack.ts) reuse (arrays are batch-innermost, [unit * B + b]; the matrix products are
// register-blocked in gru-kernels.ts). The forward pass covers all five training methods: the gates
// read `xin`/`hin` (the dense input, a noisy copy, or the delta network's transmitted x̂/ĥ) while
// the state update uses the true h_{t-1}; rounding and thresholding are straight-through in the
// backward pass.
import type { Rng } from '../../src/engine/random';
import { gaussian } from '../../src/engine/random';
import { affine, backprop, weightGrad } from './gru-kernels';

export interface GruParams {
  inputSize: number;
  hiddenSize: number;
  classes: number;
  /** 3H x I, 3H x H, 3H, 3H, C x H, C; gate rows r, z, n. */
  wIh: Float64Array;
  wHh: Float64Array;
  bIh: Float64Array;
  bHh: Float64Array;
  wOut: Float64Array;
  bOut: Float64Array;
}

export const PARAM_KEYS = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;

/** One GRU layer's weights (a GruParams is one, with its readout beside). */
export interface LayerWeights {
  inputSize: number;
  hiddenSize: number;
  wIh: Float64Array;
  wHh: Float64Array;
  bIh: Float64Array;
  bHh: Float64Array;
}

export const LAYER_KEYS = ['wIh', 'wHh', 'bIh', 'bHh'] as const;

export interface ForwardConfig {
  /** Round h_t to this step every step (Q3.4: 1/16), straight-through; 0 = float. */
  roundStep: number;
  /** Delta network forward: gates read x̂/ĥ, which follow x/h when |change| > theta (real units). */
  delta: boolean;
  thetaX: number;
  thetaH: number;
  /** Std of the Gaussian noise added to the input of each weight matrix (0 = none). */
  noiseX: number;
  noiseH: number;
  /** L1 cost beta * Σ_t Σ_j |h_t[j] - h_{t-1}[j]| per sequence. */
  l1: number;
  /** Thresholds used only to count what a delta network would fire (the sparsity monitor). */
  monitorThetaX: number;
  monitorThetaH: number;
}

export interface LabelledSequence {
  /** T x I real values, frame-major. */
  x: Float32Array;
  label: number;
  /**
   * Regression instead: T x outputs targets, a readout at every step, loss Σ_t Σ_c (y − target)² / T.
   * A batch is all classification or all regression.
   */
  targets?: Float32Array;
}

export interface BatchStats {
  /** Sums over the batch. */
  loss: number;
  correct: number;
  /** Σ fired inputs + hidden units and Σ (I + H) over steps (monitor thresholds). */
  fired: number;
  possible: number;
  /** argmax per sequence, in the order given (regression: -1). */
  predictions: Int32Array;
  /** Regression: Σ squared errors over every step and output, and how many there were. */
  sqError: number;
  outputs: number;
}

export function zeroParams(inputSize: number, hiddenSize: number, classes: number): GruParams {
  const g = 3 * hiddenSize;
  return {
    inputSize,
    hiddenSize,
    classes,
    wIh: new Float64Array(g * inputSize),
    wHh: new Float64Array(g * hiddenSize),
    bIh: new Float64Array(g),
    bHh: new Float64Array(g),
    wOut: new Float64Array(classes * hiddenSize),
    bOut: new Float64Array(classes),
  };
}

/** PyTorch's default GRU initialisation: uniform(-1/sqrt(H), 1/sqrt(H)) everywhere. */
export function initParams(inputSize: number, hiddenSize: number, classes: number, rng: Rng): GruParams {
  const p = zeroParams(inputSize, hiddenSize, classes);
  const k = 1 / Math.sqrt(hiddenSize);
  for (const key of PARAM_KEYS) {
    const a = p[key];
    for (let i = 0; i < a.length; i++) a[i] = (2 * rng() - 1) * k;
  }
  return p;
}

export function cloneParams(p: GruParams): GruParams {
  const c = zeroParams(p.inputSize, p.hiddenSize, p.classes);
  for (const key of PARAM_KEYS) c[key].set(p[key]);
  return c;
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** Activations of every step kept for the backward pass; per step, [unit * B + b]. */
export interface Tape {
  xin: Float64Array[];
  hin: Float64Array[];
  hprev: Float64Array[];
  r: Float64Array[];
  z: Float64Array[];
  n: Float64Array[];
  gh: Float64Array[];
  h: Float64Array[];
}

/** Frame-major sequences (longest first) as per-step batch-innermost inputs: xs[t][i * B + b]. */
export function stepInputs(seqs: ArrayLike<number>[], len: number[], I: number): Float64Array[] {
  const B = seqs.length;
  const T = len[0] ?? 0;
  const all = new Float64Array(T * I * B);
  const xs = Array.from({ length: T }, (_, t) => all.subarray(t * I * B, (t + 1) * I * B));
  for (let b = 0; b < B; b++) {
    const x = seqs[b];
    for (let t = 0; t < len[b]; t++) for (let i = 0; i < I; i++) xs[t][i * B + b] = x[t * I + i];
  }
  return xs;
}

export interface LayerRun {
  tape: Tape;
  /** Σ fired inputs + hidden units and Σ (I + H) over steps (monitor thresholds). */
  fired: number;
  possible: number;
  /** Σ_t Σ_j |h_t[j] − h_{t−1}[j]| (the L1 term before β). */
  l1: number;
}

/**
 * One layer over a batch in lockstep: xs[t] are its inputs at step t ([i * B + b]), `len` the
 * sequence lengths, longest first (the batch size is len.length).
 */
export function forwardLayer(
  p: LayerWeights,
  xs: Float64Array[],
  len: number[],
  cfg: ForwardConfig,
  rng: Rng | null,
): LayerRun {
  const I = p.inputSize;
  const H = p.hiddenSize;
  const B = len.length;
  const T = len[0] ?? 0;
  const HB = H * B;
  // One buffer per taped quantity, viewed per step: a few large allocations instead of 8 per step.
  const perStep = (n: number, count = T) => {
    const all = new Float64Array(count * n);
    return Array.from({ length: count }, (_, t) => all.subarray(t * n, (t + 1) * n));
  };
  // h_0 (zeros) .. h_T: step t reads states[t] and writes states[t + 1].
  const states = perStep(HB, T + 1);
  const tape: Tape = {
    xin: perStep(I * B),
    hin: perStep(HB),
    hprev: states.slice(0, T),
    r: perStep(HB),
    z: perStep(HB),
    n: perStep(HB),
    gh: perStep(HB),
    h: states.slice(1),
  };
  const xHat = new Float64Array(I * B);
  const hHat = new Float64Array(HB);
  const monX = new Float64Array(I * B);
  const monH = new Float64Array(HB);
  const ax = new Float64Array(3 * HB);
  const ah = new Float64Array(3 * HB);
  let fired = 0;
  let possible = 0;
  let l1 = 0;
  const { wIh, wHh, bIh, bHh } = p;
  // Hoisted out of the loops; same values, same tests.
  const { delta, thetaX, thetaH, noiseX, noiseH, roundStep, monitorThetaX, monitorThetaH } = cfg;
  const rngX = noiseX > 0 ? rng : null;
  const rngH = noiseH > 0 ? rng : null;
  let active = B;
  for (let t = 0; t < T; t++) {
    while (len[active - 1] <= t) active--;
    possible += active * (I + H);
    const xin = tape.xin[t];
    const hin = tape.hin[t];
    const h = tape.hprev[t];
    const x = xs[t];
    for (let b = 0; b < active; b++) {
      for (let i = 0; i < I; i++) {
        const k = i * B + b;
        const v = x[k];
        if (Math.abs(v - monX[k]) > monitorThetaX) {
          monX[k] = v;
          fired++;
        }
        if (delta) {
          if (Math.abs(v - xHat[k]) > thetaX) xHat[k] = v;
          xin[k] = xHat[k];
        } else xin[k] = rngX ? v + noiseX * gaussian(rngX) : v;
      }
      for (let j = 0; j < H; j++) {
        const k = j * B + b;
        const v = h[k];
        if (Math.abs(v - monH[k]) > monitorThetaH) {
          monH[k] = v;
          fired++;
        }
        if (delta) {
          if (Math.abs(v - hHat[k]) > thetaH) hHat[k] = v;
          hin[k] = hHat[k];
        } else hin[k] = rngH ? v + noiseH * gaussian(rngH) : v;
      }
    }
    affine(ax, bIh, wIh, xin, 3 * H, I, B, active);
    affine(ah, bHh, wHh, hin, 3 * H, H, B, active);
    const r = tape.r[t];
    const z = tape.z[t];
    const n = tape.n[t];
    const gh = tape.gh[t];
    const next = tape.h[t];
    for (let j = 0; j < H; j++) {
      for (let b = 0; b < active; b++) {
        const k = j * B + b;
        const rk = sigmoid(ax[k] + ah[k]);
        const zk = sigmoid(ax[HB + k] + ah[HB + k]);
        const nk = Math.tanh(ax[2 * HB + k] + rk * ah[2 * HB + k]);
        let v = (1 - zk) * nk + zk * h[k];
        if (roundStep > 0) v = Math.round(v / roundStep) * roundStep;
        r[k] = rk;
        z[k] = zk;
        n[k] = nk;
        gh[k] = ah[2 * HB + k];
        if (t > 0) l1 += Math.abs(v - h[k]);
        next[k] = v;
      }
    }
  }
  return { tape, fired, possible, l1 };
}

/**
 * Runs a minibatch; when `grad` is given, adds the gradient of the summed loss to it.
 * Loss per sequence = cross-entropy of the final step's readout (or, with targets, the mean squared
 * error of the readout at every step) + the L1 term.
 */
export function runBatch(
  p: GruParams,
  batch: LabelledSequence[],
  cfg: ForwardConfig,
  rng: Rng | null,
  grad: GruParams | null,
  /**
   * Classification only: the loss of each sequence is the mean cross-entropy of the readout over its
   * last max(1, round(tail * T)) steps instead of the final step's alone (0: the final step). The
   * prediction is always the final step's, as deployed.
   */
  tail = 0,
  /**
   * Distillation (tail loss only): each tail step's target is (1 - alpha) * the label + alpha * the
   * teacher's softmax at that step, the teacher run on the same inputs as a float dense GRU.
   */
  teacher: { p: GruParams; alpha: number } | null = null,
): BatchStats {
  const I = p.inputSize;
  const H = p.hiddenSize;
  const C = p.classes;
  const B = batch.length;
  // Longest first, so the sequences still running at step t are always the prefix [0, active).
  const order = Array.from({ length: B }, (_, b) => b).sort(
    (a, b) => batch[b].x.length - batch[a].x.length || a - b,
  );
  const seqs = order.map((k) => batch[k]);
  const len = seqs.map((s) => s.x.length / I);
  const xs = stepInputs(
    seqs.map((s) => s.x),
    len,
    I,
  );
  const { tape, fired, possible, l1 } = forwardLayer(p, xs, len, cfg, rng);
  const HB = H * B;
  const hLast = new Float64Array(HB);
  for (let b = 0; b < B; b++) {
    const h = tape.h[len[b] - 1];
    if (h) for (let j = 0; j < H; j++) hLast[j * B + b] = h[j * B + b];
  }
  if (seqs[0].targets) return regression(p, tape, len, seqs, cfg, grad, cfg.l1 * l1, fired, possible);
  if (teacher && !(tail > 0)) throw new Error('runBatch: distillation needs the tail loss');
  const soft = teacher && {
    p: teacher.p,
    alpha: teacher.alpha,
    h: forwardLayer(teacher.p, xs, len, PLAIN_FORWARD, null).tape.h,
  };
  if (tail > 0)
    return tailLoss(p, tape, len, seqs, order, cfg, grad, cfg.l1 * l1, fired, possible, tail, soft);
  const prob = new Float64Array(C * B);
  const predictions = new Int32Array(B);
  let loss = cfg.l1 * l1;
  let correct = 0;
  for (let b = 0; b < B; b++) {
    let best = 0;
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      let s = p.bOut[c];
      for (let j = 0; j < H; j++) s += p.wOut[c * H + j] * hLast[j * B + b];
      prob[c * B + b] = s;
      if (s > max) {
        max = s;
        best = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < C; c++) sum += prob[c * B + b] = Math.exp(prob[c * B + b] - max);
    for (let c = 0; c < C; c++) prob[c * B + b] /= sum;
    loss -= Math.log(Math.max(prob[seqs[b].label * B + b], 1e-300));
    predictions[order[b]] = best;
    if (best === seqs[b].label) correct++;
  }
  if (grad) {
    // Readout gradient of each sequence, injected into dh at its own last step.
    const dOut = new Float64Array(H * B);
    for (let b = 0; b < B; b++) {
      for (let c = 0; c < C; c++) {
        const dl = prob[c * B + b] - (c === seqs[b].label ? 1 : 0);
        grad.bOut[c] += dl;
        for (let j = 0; j < H; j++) {
          grad.wOut[c * H + j] += dl * hLast[j * B + b];
          dOut[j * B + b] += dl * p.wOut[c * H + j];
        }
      }
    }
    backwardLayer(p, tape, len, B, cfg, grad, (t, dh, active) => {
      for (let b = 0; b < active; b++) {
        if (len[b] - 1 === t) for (let j = 0; j < H; j++) dh[j * B + b] += dOut[j * B + b];
      }
    });
  }
  return { loss, correct, fired, possible, predictions, sqError: 0, outputs: 0 };
}

/** The plain forward pass: float, dense, no noise, no L1, nothing monitored (a distillation teacher's). */
export const PLAIN_FORWARD: ForwardConfig = {
  roundStep: 0,
  delta: false,
  thetaX: 0,
  thetaH: 0,
  noiseX: 0,
  noiseH: 0,
  l1: 0,
  monitorThetaX: 0,
  monitorThetaH: 0,
};

/** target = (1 - alpha) * target + alpha * softmax(teacher readout at step t of sequence b). */
function mixTeacher(
  target: Float64Array,
  soft: { p: GruParams; alpha: number; h: Float64Array[] },
  t: number,
  b: number,
  B: number,
): void {
  const { p, alpha } = soft;
  const H = p.hiddenSize;
  const C = p.classes;
  const h = soft.h[t];
  const z = new Float64Array(C);
  let max = -Infinity;
  for (let c = 0; c < C; c++) {
    let v = p.bOut[c];
    for (let j = 0; j < H; j++) v += p.wOut[c * H + j] * h[j * B + b];
    z[c] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c] - max);
  for (let c = 0; c < C; c++) target[c] = (1 - alpha) * target[c] + (alpha * z[c]) / sum;
}

/** Classification with the loss spread over each sequence's last steps (runBatch's `tail`). */
function tailLoss(
  p: GruParams,
  tape: Tape,
  len: number[],
  seqs: LabelledSequence[],
  order: number[],
  cfg: ForwardConfig,
  grad: GruParams | null,
  l1Loss: number,
  fired: number,
  possible: number,
  tail: number,
  soft: { p: GruParams; alpha: number; h: Float64Array[] } | null,
): BatchStats {
  const H = p.hiddenSize;
  const C = p.classes;
  const B = seqs.length;
  const T = len[0];
  // The target distribution of one step: the label, mixed with the teacher's softmax when distilling.
  const target = new Float64Array(C);
  // dh[t][j * B + b] = ∂loss/∂h_t from the readout (zero outside a sequence's tail).
  const dh = grad ? Array.from({ length: T }, () => new Float64Array(H * B)) : null;
  const prob = new Float64Array(C);
  const predictions = new Int32Array(B);
  let loss = l1Loss;
  let correct = 0;
  for (let b = 0; b < B; b++) {
    const n = len[b];
    const steps = Math.max(1, Math.min(n, Math.round(tail * n)));
    const w = 1 / steps;
    const label = seqs[b].label;
    for (let t = n - steps; t < n; t++) {
      const h = tape.h[t];
      let best = 0;
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        let v = p.bOut[c];
        for (let j = 0; j < H; j++) v += p.wOut[c * H + j] * h[j * B + b];
        prob[c] = v;
        if (v > max) {
          max = v;
          best = c;
        }
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += prob[c] = Math.exp(prob[c] - max);
      for (let c = 0; c < C; c++) prob[c] /= sum;
      target.fill(0);
      target[label] = 1;
      if (soft) mixTeacher(target, soft, t, b, B);
      for (let c = 0; c < C; c++)
        if (target[c] > 0) loss -= w * target[c] * Math.log(Math.max(prob[c], 1e-300));
      if (t === n - 1) {
        predictions[order[b]] = best;
        if (best === label) correct++;
      }
      if (dh) {
        const d = dh[t];
        for (let c = 0; c < C; c++) {
          const dl = w * (prob[c] - target[c]);
          grad!.bOut[c] += dl;
          for (let j = 0; j < H; j++) {
            grad!.wOut[c * H + j] += dl * h[j * B + b];
            d[j * B + b] += dl * p.wOut[c * H + j];
          }
        }
      }
    }
  }
  if (grad && dh) {
    backwardLayer(p, tape, len, B, cfg, grad, (t, d, active) => {
      const src = dh[t];
      for (let b = 0; b < active; b++) for (let j = 0; j < H; j++) d[j * B + b] += src[j * B + b];
    });
  }
  return { loss, correct, fired, possible, predictions, sqError: 0, outputs: 0 };
}

/** The regression loss on the taped states, and its gradient through the readout at every step. */
function regression(
  p: GruParams,
  tape: Tape,
  len: number[],
  seqs: LabelledSequence[],
  cfg: ForwardConfig,
  grad: GruParams | null,
  l1Loss: number,
  fired: number,
  possible: number,
): BatchStats {
  const H = p.hiddenSize;
  const C = p.classes;
  const B = seqs.length;
  const T = len[0];
  // dy[t][c * B + b] = ∂loss/∂y for step t (zero past a sequence's end).
  const dy = Array.from({ length: T }, () => new Float64Array(C * B));
  let loss = l1Loss;
  let sqError = 0;
  let outputs = 0;
  for (let b = 0; b < B; b++) {
    const target = seqs[b].targets!;
    for (let t = 0; t < len[b]; t++) {
      const h = tape.h[t];
      for (let c = 0; c < C; c++) {
        let y = p.bOut[c];
        for (let j = 0; j < H; j++) y += p.wOut[c * H + j] * h[j * B + b];
        const e = y - target[t * C + c];
        sqError += e * e;
        loss += (e * e) / len[b];
        dy[t][c * B + b] = (2 * e) / len[b];
      }
    }
    outputs += len[b] * C;
  }
  if (grad) {
    backwardLayer(p, tape, len, B, cfg, grad, (t, dh, active) => {
      const h = tape.h[t];
      const d = dy[t];
      for (let c = 0; c < C; c++) {
        for (let b = 0; b < active; b++) {
          const dl = d[c * B + b];
          grad.bOut[c] += dl;
          for (let j = 0; j < H; j++) {
            grad.wOut[c * H + j] += dl * h[j * B + b];
            dh[j * B + b] += dl * p.wOut[c * H + j];
          }
        }
      }
    });
  }
  return { loss, correct: 0, fired, possible, predictions: new Int32Array(B).fill(-1), sqError, outputs };
}

/**
 * BPTT of one layer; `inject(t, dh, active)` adds the gradient from above at step t to dh
 * (∂loss/∂h_t). With `dxs`, also adds ∂loss/∂x_t to dxs[t] (straight-through x̂, as for h).
 */
export function backwardLayer(
  p: LayerWeights,
  tape: Tape,
  len: number[],
  B: number,
  cfg: ForwardConfig,
  g: LayerWeights,
  inject: (t: number, dh: Float64Array, active: number) => void,
  dxs: Float64Array[] | null = null,
) {
  const I = p.inputSize;
  const H = p.hiddenSize;
  const T = len[0];
  let dh = new Float64Array(H * B);
  const da = new Float64Array(3 * H * B);
  const dhh = new Float64Array(3 * H * B);
  let active = 0;
  for (let t = T - 1; t >= 0; t--) {
    while (active < B && len[active] > t) active++;
    inject(t, dh, active);
    const r = tape.r[t];
    const z = tape.z[t];
    const n = tape.n[t];
    const hp = tape.hprev[t];
    const ht = tape.h[t];
    const gh = tape.gh[t];
    const dprev = new Float64Array(H * B);
    for (let j = 0; j < H; j++) {
      for (let b = 0; b < active; b++) {
        const k = j * B + b;
        let d = dh[k];
        // L1 on |h_t - h_{t-1}|: +beta*sign to h_t, -beta*sign to h_{t-1}.
        const s = cfg.l1 > 0 && t > 0 ? cfg.l1 * Math.sign(ht[k] - hp[k]) : 0;
        d += s;
        const zk = z[k];
        const nk = n[k];
        const rk = r[k];
        const dan = d * (1 - zk) * (1 - nk * nk);
        const dar = dan * gh[k] * rk * (1 - rk);
        const daz = d * (hp[k] - nk) * zk * (1 - zk);
        dprev[k] = d * zk - s;
        da[k] = dar;
        da[H * B + k] = daz;
        da[2 * H * B + k] = dan;
        dhh[k] = dar;
        dhh[H * B + k] = daz;
        dhh[2 * H * B + k] = dan * rk;
      }
    }
    const xin = tape.xin[t];
    const hin = tape.hin[t];
    for (let q = 0; q < 3 * H; q++) {
      const o = q * B;
      let sb = 0;
      let sh = 0;
      for (let b = 0; b < active; b++) {
        sb += da[o + b];
        sh += dhh[o + b];
      }
      g.bIh[q] += sb;
      g.bHh[q] += sh;
    }
    weightGrad(g.wIh, da, xin, 3 * H, I, B, active);
    weightGrad(g.wHh, dhh, hin, 3 * H, H, B, active);
    if (dxs) backprop(dxs[t], p.wIh, da, 3 * H, I, B, active);
    // Straight-through: the gates read hin (ĥ or a noisy h) in place of h_{t-1}.
    backprop(dprev, p.wHh, dhh, 3 * H, H, B, active);
    dh = dprev;
  }
}

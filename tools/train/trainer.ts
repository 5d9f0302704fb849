// Minibatch training loop: seeded shuffling, Adam, cosine learning rate, early stopping on validation.
import { mulberry32, type Rng } from '../../src/engine/random';
import { Adam } from './adam';
import type { Example } from './dataset';
import {
  cloneParams,
  type ForwardConfig,
  type GruParams,
  initParams,
  PARAM_KEYS,
  runBatch,
  zeroParams,
} from './gru';

export interface TrainSettings {
  hidden: number;
  classes: number;
  epochs: number;
  batch: number;
  lr: number;
  clip: number;
  /** Stop after this many epochs without a better validation score. */
  patience: number;
  seed: number;
  forward: ForwardConfig;
  /**
   * Gain augmentation: each training sequence is shifted by a random level change δ ~ U(-gain, gain)
   * (natural-log units of mel power): x_b = max(x_b + δ * gainShift[b], gainFloor[b]) as the log floor
   * would clamp it, re-quantized to the LSB grid.
   */
  gain: number;
  gainShift: number[];
  gainFloor: number[];
  /** SpecAugment-style masking of each training draw in the feature domain (absent: none). */
  specAugment?: SpecAugment;
  /** Each input value of a training draw is set to 0 with this probability (absent or 0: none). */
  inputDropout?: number;
  /** Training loss over each sequence's last fraction of steps (gru.ts runBatch `tail`; absent or 0: last step). */
  tailLoss?: number;
  /** Decoupled weight decay (AdamW) on the weight matrices, per step w -= lr * weightDecay * w (absent or 0: none). */
  weightDecay?: number;
  /**
   * Threshold curriculum: epoch e <= thetaRamp trains with the delta thresholds scaled by
   * e / (thetaRamp + 1), so a fine-tune from dense weights meets them gradually (absent or 0: full
   * thresholds from the start). Validation always uses the full thresholds.
   */
  thetaRamp?: number;
  /**
   * Distillation weight: a fine-tune's tail-loss targets mix the label with the softmax of the network
   * it started from (`init`, frozen, run as a float dense GRU), by this much (absent or 0: none).
   */
  distill?: number;
}

/** The forward pass epoch e trains with: the thresholds scaled up over the first `ramp` epochs. */
export function rampedForward(f: ForwardConfig, e: number, ramp: number): ForwardConfig {
  if (ramp <= 0 || e > ramp) return f;
  const k = e / (ramp + 1);
  return { ...f, thetaX: k * f.thetaX, thetaH: k * f.thetaH };
}

/**
 * Per training draw: `freqMasks` bands ranges of width U{0..freqWidth} and `timeMasks` frame ranges of
 * width U{0..timeWidth}, each at a uniform place, set to 0 (the normalised mean: the running mean has
 * been subtracted and the per-band mean removed).
 */
export interface SpecAugment {
  freqMasks: number;
  freqWidth: number;
  timeMasks: number;
  timeWidth: number;
}

export interface EpochRecord {
  epoch: number;
  lr: number;
  trainLoss: number;
  trainAccuracy: number;
  /** Fraction of inputs + hidden units a delta network would fire (the monitor thresholds). */
  trainOccupancy: number;
  valLoss: number;
  valAccuracy: number;
  valOccupancy: number;
  seconds: number;
}

export interface EvalSummary {
  loss: number;
  accuracy: number;
  occupancy: number;
  predictions: Int32Array;
}

const asSequence = (ex: Example) => ({ x: ex.x, label: ex.file.digit });

const LSB = 1 / 16;

/** One version of a training recording: the clean one or one of its waveform variants, at random. */
function pick(ex: Example, rng: Rng): Example {
  const v = ex.variants;
  if (!v || v.length === 0) return ex;
  const k = Math.floor(rng() * (v.length + 1));
  return k === 0 ? ex : v[k - 1];
}

const masking = (m: SpecAugment | undefined): m is SpecAugment =>
  !!m && ((m.freqMasks > 0 && m.freqWidth > 0) || (m.timeMasks > 0 && m.timeWidth > 0));

/** Draws `count` ranges of width U{0..width} (at most `size`) along one axis and zeroes each. */
function maskRanges(
  count: number,
  width: number,
  size: number,
  rng: Rng,
  zero: (start: number, end: number) => void,
): void {
  for (let k = 0; k < count; k++) {
    const w = Math.min(size, Math.floor(rng() * (width + 1)));
    const start = Math.floor(rng() * (size - w + 1));
    if (w > 0) zero(start, start + w);
  }
}

export function specMask(x: Float32Array, bands: number, m: SpecAugment, rng: Rng): Float32Array {
  const y = x.slice();
  const frames = y.length / bands;
  maskRanges(m.freqMasks, m.freqWidth, bands, rng, (a, b) => {
    for (let t = 0; t < frames; t++) y.fill(0, t * bands + a, t * bands + b);
  });
  maskRanges(m.timeMasks, m.timeWidth, frames, rng, (a, b) => y.fill(0, a * bands, b * bands));
  return y;
}

function augmented(example: Example, s: TrainSettings, rng: Rng) {
  const ex = pick(example, rng);
  const masked = masking(s.specAugment);
  const drop = s.inputDropout ?? 0;
  if (s.gain === 0 && !masked && drop === 0) return asSequence(ex);
  let x = ex.x;
  if (s.gain !== 0) {
    const d = (2 * rng() - 1) * s.gain;
    const bands = s.gainShift.length;
    x = new Float32Array(ex.x.length);
    for (let i = 0; i < x.length; i++) {
      const b = i % bands;
      const v = Math.round(Math.max(ex.x[i] + d * s.gainShift[b], s.gainFloor[b]) / LSB);
      x[i] = Math.max(-128, Math.min(127, v)) * LSB;
    }
  }
  if (masked) x = specMask(x, ex.x.length / ex.length, s.specAugment!, rng);
  if (drop > 0) {
    if (x === ex.x) x = x.slice();
    for (let i = 0; i < x.length; i++) if (rng() < drop) x[i] = 0;
  }
  return { x, label: ex.file.digit };
}

/** Forward pass only (no noise), in batches of 64; predictions in the order of `data`. */
export function evaluate(p: GruParams, data: Example[], forward: ForwardConfig): EvalSummary {
  const cfg = { ...forward, noiseX: 0, noiseH: 0 };
  let loss = 0;
  let correct = 0;
  let fired = 0;
  let possible = 0;
  const predictions = new Int32Array(data.length);
  for (let b = 0; b < data.length; b += 64) {
    const s = runBatch(p, data.slice(b, b + 64).map(asSequence), cfg, null, null);
    loss += s.loss;
    correct += s.correct;
    fired += s.fired;
    possible += s.possible;
    predictions.set(s.predictions, b);
  }
  return {
    loss: loss / data.length,
    accuracy: correct / data.length,
    occupancy: fired / possible,
    predictions,
  };
}

function shuffle(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Validation score: accuracy first, lower loss breaks ties. */
const better = (a: EvalSummary, b: EvalSummary | null): boolean =>
  !b || a.accuracy > b.accuracy || (a.accuracy === b.accuracy && a.loss < b.loss);

export interface TrainResult {
  params: GruParams;
  bestEpoch: number;
  epochs: EpochRecord[];
}

export function train(
  s: TrainSettings,
  trainSet: Example[],
  valSet: Example[],
  init: GruParams | null,
  onEpoch: (r: EpochRecord, progress: number) => void,
  onBatch: (done: number, total: number) => void = () => {},
): TrainResult {
  const rng = mulberry32(s.seed);
  const inputSize = trainSet[0].x.length / trainSet[0].length;
  const p = init ? cloneParams(init) : initParams(inputSize, s.hidden, s.classes, rng);
  const g = zeroParams(p.inputSize, p.hiddenSize, p.classes);
  const adam = new Adam(p);
  const alpha = s.distill ?? 0;
  if (alpha > 0 && !init) throw new Error('train: distillation needs the weights to start from');
  const teacher = alpha > 0 && init ? { p: cloneParams(init), alpha } : null;
  let best: EvalSummary | null = null;
  let bestParams = cloneParams(p);
  let bestEpoch = 0;
  const epochs: EpochRecord[] = [];
  for (let e = 1; e <= s.epochs; e++) {
    const t0 = performance.now();
    const lr = s.lr * 0.5 * (1 + Math.cos((Math.PI * (e - 1)) / s.epochs));
    const order = shuffle(trainSet.length, rng);
    const forward = rampedForward(s.forward, e, s.thetaRamp ?? 0);
    let loss = 0;
    let correct = 0;
    let fired = 0;
    let possible = 0;
    for (let b = 0; b < order.length; b += s.batch) {
      for (const key of PARAM_KEYS) g[key].fill(0);
      const idx = order.slice(b, b + s.batch);
      const st = runBatch(
        p,
        idx.map((i) => augmented(trainSet[i], s, rng)),
        forward,
        rng,
        g,
        s.tailLoss ?? 0,
        teacher,
      );
      loss += st.loss;
      correct += st.correct;
      fired += st.fired;
      possible += st.possible;
      for (const key of PARAM_KEYS) for (let i = 0; i < g[key].length; i++) g[key][i] /= idx.length;
      adam.step(p, g, lr, s.clip);
      const wd = s.weightDecay ?? 0;
      if (wd > 0)
        for (const key of ['wIh', 'wHh', 'wOut'] as const)
          for (let i = 0; i < p[key].length; i++) p[key][i] *= 1 - lr * wd;
      onBatch(Math.min(b + s.batch, order.length), order.length);
    }
    const val = evaluate(p, valSet, s.forward);
    if (better(val, best)) {
      best = val;
      bestParams = cloneParams(p);
      bestEpoch = e;
    }
    const rec: EpochRecord = {
      epoch: e,
      lr,
      trainLoss: loss / trainSet.length,
      trainAccuracy: correct / trainSet.length,
      trainOccupancy: fired / possible,
      valLoss: val.loss,
      valAccuracy: val.accuracy,
      valOccupancy: val.occupancy,
      seconds: (performance.now() - t0) / 1000,
    };
    epochs.push(rec);
    onEpoch(rec, e / s.epochs);
    if (e - bestEpoch >= s.patience) break;
  }
  return { params: bestParams, bestEpoch, epochs };
}

// Minibatch CTC training of a GRU stack: seeded shuffling, Adam, cosine learning rate, the best
// epoch by validation digit error rate (lower loss breaks ties), early stopping.
import { mulberry32, type Rng } from '../../../src/engine/random';
import { AdamArrays } from '../adam';
import type { ForwardConfig } from '../gru';
import {
  type CtcSequence,
  cloneStack,
  initStack,
  runCtcBatch,
  type StackParams,
  stackArrays,
  stackShape,
  zeroStack,
} from './stack';

export interface CtcTrainSettings {
  inputSize: number;
  hidden: number[];
  classes: number;
  blank: number;
  epochs: number;
  batch: number;
  lr: number;
  clip: number;
  patience: number;
  seed: number;
  forward: ForwardConfig;
  /**
   * First epoch shortest strings first ("SortaGrad", Amodei et al. 2016): short strings align
   * easily and get CTC past its all-blank start sooner; later epochs are shuffled.
   */
  sortFirstEpoch: boolean;
  /**
   * From scratch, epoch e ≤ warmEpochs adds (1 − (e−1)/warmEpochs) × framewise cross-entropy
   * against the digit boundaries known from composing the strings to the CTC loss: an auxiliary
   * alignment signal that gets a small GRU stack past CTC's all-blank plateau within this
   * project's time budget. Later epochs, and all fine-tuning, are CTC alone.
   */
  warmEpochs: number;
}

export interface CtcEpochRecord {
  epoch: number;
  lr: number;
  /** Per sequence. */
  trainLoss: number;
  trainErrorRate: number;
  /** Per layer: the fraction of inputs + hidden units a delta network would fire (monitor Θ). */
  trainOccupancy: number[];
  valLoss: number;
  valErrorRate: number;
  valOccupancy: number[];
  /** Weight of the auxiliary framewise cross-entropy in trainLoss (valLoss is CTC alone). */
  frameWeight: number;
  seconds: number;
}

export interface CtcEval {
  loss: number;
  errorRate: number;
  occupancy: number[];
  transcripts: number[][];
}

export interface CtcTrainResult {
  params: StackParams;
  bestEpoch: number;
  epochs: CtcEpochRecord[];
}

/** Forward only (no noise), in batches of 32; transcripts in the order of `data`. */
export function evaluateCtc(
  p: StackParams,
  data: CtcSequence[],
  forward: ForwardConfig,
  blank: number,
): CtcEval {
  const cfg = { ...forward, noiseX: 0, noiseH: 0 };
  let loss = 0;
  let edits = 0;
  let ref = 0;
  const fired = p.layers.map(() => 0);
  const possible = p.layers.map(() => 0);
  const transcripts: number[][] = [];
  for (let b = 0; b < data.length; b += 32) {
    const s = runCtcBatch(p, data.slice(b, b + 32), cfg, blank, null, null);
    loss += s.loss;
    edits += s.edits;
    ref += s.refLength;
    s.fired.forEach((f, l) => {
      fired[l] += f;
      possible[l] += s.possible[l];
    });
    transcripts.push(...s.transcripts);
  }
  return {
    loss: loss / data.length,
    errorRate: edits / Math.max(ref, 1),
    occupancy: fired.map((f, l) => f / Math.max(possible[l], 1)),
    transcripts,
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

function shortestFirst(data: CtcSequence[]): number[] {
  return Array.from({ length: data.length }, (_, i) => i).sort(
    (a, b) => data[a].x.length - data[b].x.length || a - b,
  );
}

const better = (a: CtcEval, b: CtcEval | null): boolean =>
  !b || a.errorRate < b.errorRate || (a.errorRate === b.errorRate && a.loss < b.loss);

export function trainCtc(
  s: CtcTrainSettings,
  trainSet: CtcSequence[],
  valSet: CtcSequence[],
  init: StackParams | null,
  onEpoch: (r: CtcEpochRecord, progress: number) => void,
  onBatch: (done: number, total: number) => void = () => {},
): CtcTrainResult {
  const rng = mulberry32(s.seed);
  const p = init ? cloneStack(init) : initStack(s.inputSize, s.hidden, s.classes, rng);
  const shape = stackShape(p);
  const g = zeroStack(shape.inputSize, shape.hidden, shape.classes);
  const params = stackArrays(p);
  const grads = stackArrays(g);
  const adam = new AdamArrays(params.map((a) => a.length));
  let best: CtcEval | null = null;
  let bestParams = cloneStack(p);
  let bestEpoch = 0;
  const epochs: CtcEpochRecord[] = [];
  for (let e = 1; e <= s.epochs; e++) {
    const t0 = performance.now();
    const frameWeight = !init && e <= s.warmEpochs ? 1 - (e - 1) / s.warmEpochs : 0;
    const lr = s.lr * 0.5 * (1 + Math.cos((Math.PI * (e - 1)) / s.epochs));
    const order =
      e === 1 && s.sortFirstEpoch && !init ? shortestFirst(trainSet) : shuffle(trainSet.length, rng);
    let loss = 0;
    let edits = 0;
    let ref = 0;
    const fired = p.layers.map(() => 0);
    const possible = p.layers.map(() => 0);
    for (let b = 0; b < order.length; b += s.batch) {
      for (const a of grads) a.fill(0);
      const idx = order.slice(b, b + s.batch);
      const st = runCtcBatch(
        p,
        idx.map((i) => trainSet[i]),
        s.forward,
        s.blank,
        rng,
        g,
        frameWeight,
      );
      loss += st.loss;
      edits += st.edits;
      ref += st.refLength;
      st.fired.forEach((f, l) => {
        fired[l] += f;
        possible[l] += st.possible[l];
      });
      for (const a of grads) for (let i = 0; i < a.length; i++) a[i] /= idx.length;
      adam.step(params, grads, lr, s.clip);
      onBatch(Math.min(b + s.batch, order.length), order.length);
    }
    const val = evaluateCtc(p, valSet, s.forward, s.blank);
    if (better(val, best)) {
      best = val;
      bestParams = cloneStack(p);
      bestEpoch = e;
    }
    const rec: CtcEpochRecord = {
      epoch: e,
      lr,
      trainLoss: loss / trainSet.length,
      trainErrorRate: edits / Math.max(ref, 1),
      trainOccupancy: fired.map((f, l) => f / Math.max(possible[l], 1)),
      valLoss: val.loss,
      valErrorRate: val.errorRate,
      valOccupancy: val.occupancy,
      frameWeight,
      seconds: (performance.now() - t0) / 1000,
    };
    epochs.push(rec);
    onEpoch(rec, e / s.epochs);
    if (e - Math.max(bestEpoch, s.warmEpochs) >= s.patience) break;
  }
  return { params: bestParams, bestEpoch, epochs };
}

// The steering GRU's training loop: minibatches of whole clips, the shared GRU trainer's regression
// mode (gru.ts: a readout and squared error at every step), Adam, a cosine learning rate, and the
// epoch with the lowest validation RMSE kept.
import { mulberry32, type Rng } from '../../../src/engine/random';
import { Adam } from '../adam';
import {
  cloneParams,
  type ForwardConfig,
  type GruParams,
  initParams,
  type LabelledSequence,
  PARAM_KEYS,
  runBatch,
  zeroParams,
} from '../gru';

/** One clip as the GRU sees it: T x I features (real units) and T steering targets (fitted units). */
export interface SteeringSequence {
  x: Float32Array;
  targets: Float32Array;
}

export interface GruTrainSettings {
  hidden: number;
  epochs: number;
  batch: number;
  lr: number;
  clip: number;
  /** Stop after this many epochs without a better validation RMSE. */
  patience: number;
  seed: number;
  forward: ForwardConfig;
  /** Degrees per fitted unit: targets are steering / scale, RMSEs are reported in degrees. */
  scale: number;
}

export interface GruEpoch {
  epoch: number;
  lr: number;
  trainRmse: number;
  trainOccupancy: number;
  valRmse: number;
  valOccupancy: number;
  seconds: number;
}

export interface GruTrainResult {
  params: GruParams;
  bestEpoch: number;
  epochs: GruEpoch[];
}

const asSequence = (s: SteeringSequence): LabelledSequence => ({ x: s.x, label: -1, targets: s.targets });

/** RMSE (degrees) and monitor occupancy with the given forward pass (noise off). */
export function evaluateSteering(
  p: GruParams,
  data: SteeringSequence[],
  forward: ForwardConfig,
  scale: number,
): { rmse: number; occupancy: number } {
  const cfg = { ...forward, noiseX: 0, noiseH: 0 };
  let sq = 0;
  let n = 0;
  let fired = 0;
  let possible = 0;
  for (let b = 0; b < data.length; b += 16) {
    const s = runBatch(p, data.slice(b, b + 16).map(asSequence), cfg, null, null);
    sq += s.sqError;
    n += s.outputs;
    fired += s.fired;
    possible += s.possible;
  }
  return { rmse: Math.sqrt(sq / Math.max(1, n)) * scale, occupancy: fired / Math.max(1, possible) };
}

function shuffle(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export function trainSteering(
  s: GruTrainSettings,
  train: SteeringSequence[],
  val: SteeringSequence[],
  init: GruParams | null,
  onEpoch: (r: GruEpoch) => void,
  onBatch: (done: number, total: number) => void = () => {},
): GruTrainResult {
  const rng = mulberry32(s.seed);
  const inputSize = train[0].x.length / train[0].targets.length;
  const p = init ? cloneParams(init) : initParams(inputSize, s.hidden, 1, rng);
  const g = zeroParams(p.inputSize, p.hiddenSize, p.classes);
  const adam = new Adam(p);
  let best = Infinity;
  let bestParams = cloneParams(p);
  let bestEpoch = 0;
  const epochs: GruEpoch[] = [];
  for (let e = 1; e <= s.epochs; e++) {
    const t0 = performance.now();
    const lr = s.lr * 0.5 * (1 + Math.cos((Math.PI * (e - 1)) / s.epochs));
    const order = shuffle(train.length, rng);
    let sq = 0;
    let n = 0;
    let fired = 0;
    let possible = 0;
    for (let b = 0; b < order.length; b += s.batch) {
      for (const key of PARAM_KEYS) g[key].fill(0);
      const idx = order.slice(b, b + s.batch);
      const st = runBatch(
        p,
        idx.map((i) => asSequence(train[i])),
        s.forward,
        rng,
        g,
      );
      sq += st.sqError;
      n += st.outputs;
      fired += st.fired;
      possible += st.possible;
      for (const key of PARAM_KEYS) for (let i = 0; i < g[key].length; i++) g[key][i] /= idx.length;
      adam.step(p, g, lr, s.clip);
      onBatch(Math.min(b + s.batch, order.length), order.length);
    }
    const v = evaluateSteering(p, val, s.forward, s.scale);
    if (v.rmse < best) {
      best = v.rmse;
      bestParams = cloneParams(p);
      bestEpoch = e;
    }
    const rec: GruEpoch = {
      epoch: e,
      lr,
      trainRmse: Math.sqrt(sq / Math.max(1, n)) * s.scale,
      trainOccupancy: fired / Math.max(1, possible),
      valRmse: v.rmse,
      valOccupancy: v.occupancy,
      seconds: (performance.now() - t0) / 1000,
    };
    epochs.push(rec);
    onEpoch(rec);
    if (e - bestEpoch >= s.patience) break;
  }
  return { params: bestParams, bestEpoch, epochs };
}

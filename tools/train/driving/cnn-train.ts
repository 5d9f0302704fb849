// trainCnn: regresses the steering angle from single frames with the hand-written backpropagation of
// cnn-net.ts, Adam, a cosine learning rate and (when validation frames are given) the best epoch kept.
import type { Cnn } from '../../../src/engine/cnn/types';
import { mulberry32 } from '../../../src/engine/random';
import { DEFAULT_CNN_ARCH } from './cnn-arch';
import { netToFloatCnn } from './cnn-export';
import {
  backward,
  type CnnArch,
  forward,
  gradArrays,
  initNet,
  type Net,
  newBackScratch,
  newTape,
  paramArrays,
  zeroGrads,
} from './cnn-net';

/** Frames T x height x width (uint8 grey, frame-major) with one steering angle (degrees) per frame. */
export interface CnnTrainData {
  frames: Uint8Array;
  steering: Float32Array;
  width: number;
  height: number;
}

export interface CnnTrainOptions {
  arch: CnnArch;
  epochs: number;
  batch: number;
  lr: number;
  /** Global gradient-norm clip. */
  clip: number;
  /** L2 penalty on conv and dense weights (not biases, not the head). */
  weightDecay: number;
  /** Flip half the training frames left-right with negated steering (only for mirror-symmetric scenes). */
  mirror: boolean;
  /**
   * Lighting augmentation: each training frame's contrast is scaled by 1 ± light and shifted by
   * ±light · 64 grey levels (uniform), so the CNN cannot tell drives apart by their brightness.
   */
  light: number;
  seed: number;
  /** Frames used per epoch (a random subset, redrawn each epoch); 0 = all. */
  framesPerEpoch: number;
}

export const DEFAULT_CNN_TRAIN: CnnTrainOptions = {
  arch: DEFAULT_CNN_ARCH,
  epochs: 8,
  batch: 32,
  lr: 2e-3,
  clip: 5,
  weightDecay: 1e-5,
  mirror: false,
  light: 0,
  seed: 1,
  framesPerEpoch: 0,
};

export interface CnnEpoch {
  epoch: number;
  lr: number;
  /** RMSE in degrees over the epoch's training frames (as they were fitted, with the running weights). */
  trainRmse: number;
  valRmse: number | null;
  seconds: number;
}

export interface CnnTrainReport {
  arch: CnnArch;
  options: Omit<CnnTrainOptions, 'arch'>;
  trainFrames: number;
  valFrames: number;
  /** Steering is fitted as steering / steeringScale (the training set's RMS); the head outputs degrees. */
  steeringScale: number;
  epochs: CnnEpoch[];
  bestEpoch: number;
  /** RMSE (degrees) of the returned network; on validation when given, else on training frames. */
  rmse: number;
  /** Of predicting 0 degrees always, for scale. */
  zeroRmse: number;
  seconds: number;
  framesPerSecond: number;
}

export interface CnnProgress {
  epoch: number;
  epochs: number;
  done: number;
  total: number;
  loss: number;
}

export interface TrainedCnn {
  /** Float64 training form (with the steering head, in degrees). */
  net: Net;
  /** The same CNN in the engine's form, float weights (formats are filled in by toModelCnn). */
  cnn: Cnn;
  head: { weight: Float32Array; bias: number };
  report: CnnTrainReport;
}

function checkData(d: CnnTrainData, arch: CnnArch, what: string): number {
  if (d.width !== arch.width || d.height !== arch.height) {
    throw new Error(`${what}: frames are ${d.width}x${d.height}, the CNN reads ${arch.width}x${arch.height}`);
  }
  const n = d.steering.length;
  if (d.frames.length !== n * d.width * d.height) {
    throw new Error(
      `${what}: ${d.frames.length} pixels for ${n} steering values of ${d.width}x${d.height} frames`,
    );
  }
  return n;
}

/** RMSE in degrees of the net (head in fitted units times scale) on a data set. */
export function cnnRmse(net: Net, d: CnnTrainData, scale = 1): number {
  const tape = newTape(net);
  const px = d.width * d.height;
  let sq = 0;
  for (let t = 0; t < d.steering.length; t++) {
    const e = forward(net, d.frames, t * px, false, tape) * scale - d.steering[t];
    sq += e * e;
  }
  return Math.sqrt(sq / Math.max(1, d.steering.length));
}

class Adam {
  private m: Float64Array[];
  private v: Float64Array[];
  private t = 0;
  constructor(params: Float64Array[]) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }
  step(params: Float64Array[], grads: Float64Array[], lr: number, clip: number): void {
    let sq = 0;
    for (const g of grads) for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
    const norm = Math.sqrt(sq);
    const s = norm > clip ? clip / norm : 1;
    this.t++;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    params.forEach((p, k) => {
      const g = grads[k];
      const m = this.m[k];
      const v = this.v[k];
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] * s;
        m[i] = 0.9 * m[i] + 0.1 * gi;
        v[i] = 0.999 * v[i] + 0.001 * gi * gi;
        p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
      }
    });
  }
}

function cloneNet(net: Net): Net {
  return {
    arch: net.arch,
    layers: net.layers.map((l) => ({ ...l, w: l.w.slice(), b: l.b.slice() })),
    head: net.head.slice(),
    headBias: net.headBias.slice(),
  };
}

export function trainCnn(
  train: CnnTrainData,
  options: Partial<CnnTrainOptions> = {},
  onProgress?: (p: CnnProgress) => void,
  validation?: CnnTrainData,
): TrainedCnn {
  const o = { ...DEFAULT_CNN_TRAIN, ...options };
  const n = checkData(train, o.arch, 'training data');
  const nVal = validation ? checkData(validation, o.arch, 'validation data') : 0;
  if (n === 0) throw new Error('training data: no frames');
  const start = performance.now();
  const rng = mulberry32(o.seed);
  const net = initNet(o.arch, rng);
  let ms = 0;
  for (const s of train.steering) ms += s * s;
  const scale = Math.sqrt(ms / n) || 1;
  const params = paramArrays(net);
  const adam = new Adam(params);
  const grads = zeroGrads(net);
  const gradList = gradArrays(grads);
  const tape = newTape(net);
  const scratch = newBackScratch(net);
  const px = train.width * train.height;
  const perEpoch = o.framesPerEpoch > 0 ? Math.min(o.framesPerEpoch, n) : n;
  const batches = Math.ceil(perEpoch / o.batch);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const epochs: CnnEpoch[] = [];
  let best = { rmse: Infinity, epoch: 0, net: cloneNet(net) };
  let step = 0;
  const steps = o.epochs * batches;
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const t0 = performance.now();
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let sq = 0;
    let lr = o.lr;
    for (let b = 0; b < batches; b++) {
      for (const g of gradList) g.fill(0);
      const from = b * o.batch;
      const to = Math.min(perEpoch, from + o.batch);
      for (let k = from; k < to; k++) {
        const t = order[k];
        const mirror = o.mirror && rng() < 0.5;
        const target = (mirror ? -train.steering[t] : train.steering[t]) / scale;
        const light =
          o.light > 0
            ? { gain: 1 + o.light * (2 * rng() - 1), shift: 64 * o.light * (2 * rng() - 1) }
            : undefined;
        const e = forward(net, train.frames, t * px, mirror, tape, light) - target;
        sq += e * e;
        backward(net, tape, e / (to - from), grads, scratch);
      }
      for (const l of net.layers.keys()) {
        const w = net.layers[l].w;
        const g = grads.w[l];
        for (let i = 0; i < w.length; i++) g[i] += o.weightDecay * w[i];
      }
      lr = o.lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * step) / steps)));
      adam.step(params, gradList, lr, o.clip);
      step++;
      onProgress?.({ epoch, epochs: o.epochs, done: b + 1, total: batches, loss: (sq / to) * scale * scale });
    }
    const valRmse = validation ? cnnRmse(net, validation, scale) : null;
    epochs.push({
      epoch,
      lr,
      trainRmse: Math.sqrt(sq / perEpoch) * scale,
      valRmse,
      seconds: (performance.now() - t0) / 1000,
    });
    const score = valRmse ?? epochs[epochs.length - 1].trainRmse;
    if (score < best.rmse || !validation) best = { rmse: score, epoch, net: cloneNet(net) };
  }
  const out = best.net;
  // Fold the steering scale into the head so it outputs degrees.
  for (let k = 0; k < out.head.length; k++) out.head[k] *= scale;
  out.headBias[0] *= scale;
  const evalSet = validation ?? train;
  let zero = 0;
  for (const s of evalSet.steering) zero += s * s;
  const seconds = (performance.now() - start) / 1000;
  const { arch, ...rest } = o;
  const report: CnnTrainReport = {
    arch,
    options: rest,
    trainFrames: n,
    valFrames: nVal,
    steeringScale: scale,
    epochs,
    bestEpoch: best.epoch,
    rmse: cnnRmse(out, evalSet),
    zeroRmse: Math.sqrt(zero / Math.max(1, evalSet.steering.length)),
    seconds,
    framesPerSecond: (o.epochs * perEpoch) / seconds,
  };
  return {
    net: out,
    cnn: netToFloatCnn(out),
    head: { weight: Float32Array.from(out.head), bias: out.headBias[0] },
    report,
  };
}

// From a trained float network to the model-format CNN: fixed-point formats chosen from the weights and
// from activations on calibration frames, weights put on their grids (so the float and fixed engines
// see the same weights), and the feature layer scaled so the features fill Q2.5 without clipping.
import { Q2_5 } from '../../../src/engine/cnn/features';
import { cnnForwardFixed, compileCnn } from '../../../src/engine/cnn/fixed';
import { cnnForwardFloat } from '../../../src/engine/cnn/float';
import { CNN_INPUT_FRAC } from '../../../src/engine/cnn/shapes';
import type { Cnn, CnnLayer } from '../../../src/engine/cnn/types';
import type { QFormat } from '../../../src/engine/types';
import { forward, type Net, newTape } from './cnn-net';

/** The engine form of a net with its float weights (formats are placeholders; float mode ignores them). */
export function netToFloatCnn(net: Net, weightBits: 8 | 16 = 8): Cnn {
  return {
    width: net.arch.width,
    height: net.arch.height,
    weightBits,
    accumulatorBits: 32,
    rounding: 'nearest',
    layers: net.layers.map((l): CnnLayer => {
      const s = l.spec;
      if (s.kind === 'maxpool') return s;
      const w = { weight: Float32Array.from(l.w), bias: Float32Array.from(l.b) };
      return s.kind === 'conv'
        ? { ...s, relu: true, weightFrac: 0, outFrac: 0, ...w }
        : { ...s, relu: true, weightFrac: 0, outFrac: 0, ...w };
    }),
  };
}

export interface ExportOptions {
  weightBits: 8 | 16;
  /** The features' format: the GRU's activation format (Q2.5 for driving). */
  featureFormat: QFormat;
  /** Features are scaled so this quantile of their calibration values lands at featureTop. */
  featureQuantile: number;
  featureTop: number;
}

export const DEFAULT_EXPORT: ExportOptions = {
  weightBits: 8,
  featureFormat: Q2_5,
  featureQuantile: 0.9999,
  featureTop: 3.75,
};

export interface ExportReport {
  /** Multiplies the features (and divides the head): the feature layer's weights were scaled by it. */
  featureScale: number;
  weightFracs: number[];
  outFracs: number[];
  /** On the calibration frames: fixed vs float features (in feature LSBs) and saturation counts. */
  featureRmseLsb: number;
  featureMaxErrLsb: number;
  accumulatorSaturations: number;
  activationSaturations: number;
  /** Fraction of feature codes at 0 (ReLU off), for the GRU's delta sparsity. */
  zeroFeatureFraction: number;
  /** Steering (degrees) from the head on fixed features vs on float features, RMSE over calibration. */
  steeringRmseFixedVsFloat: number;
}

function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
}

/** Largest fractional bits f <= maxFrac with maxAbs · 2^f <= limit (maxFrac when maxAbs is 0). */
function fracFor(maxAbs: number, limit: number, maxFrac: number): number {
  if (maxAbs === 0) return maxFrac;
  return Math.max(0, Math.min(maxFrac, Math.floor(Math.log2(limit / maxAbs))));
}

const onGrid = (v: number, frac: number): number => Math.round(v * 2 ** frac) / 2 ** frac;

/**
 * The model-format CNN of a trained net (head in degrees) and the matching head for its features.
 * `frames` are calibration frames (T x height x width), e.g. a few thousand training frames.
 */
export function toModelCnn(
  net: Net,
  frames: Uint8Array,
  options: Partial<ExportOptions> = {},
): { cnn: Cnn; head: { weight: Float32Array; bias: number }; report: ExportReport } {
  const o = { ...DEFAULT_EXPORT, ...options };
  const px = net.arch.width * net.arch.height;
  const T = Math.floor(frames.length / px);
  if (T === 0 || T * px !== frames.length)
    throw new Error(`toModelCnn: ${frames.length} pixels are not whole frames`);
  const L = net.layers.length;
  const tape = newTape(net);
  const maxAct = new Float64Array(L);
  const featureValues = new Float64Array(T * tape.acts[L - 1].length);
  for (let t = 0; t < T; t++) {
    forward(net, frames, t * px, false, tape);
    tape.acts.forEach((a, l) => {
      for (let k = 0; k < a.length; k++) if (a[k] > maxAct[l]) maxAct[l] = a[k];
    });
    featureValues.set(tape.acts[L - 1], t * tape.acts[L - 1].length);
  }
  const top = quantile(featureValues, o.featureQuantile);
  const featureScale = top > 0 ? o.featureTop / top : 1;
  const wMax = 2 ** (o.weightBits - 1) - 1;
  const weightFracs: number[] = [];
  const outFracs: number[] = [];
  let inFrac = CNN_INPUT_FRAC;
  const layers = net.layers.map((l, i): CnnLayer => {
    const s = l.spec;
    if (s.kind === 'maxpool') {
      outFracs.push(inFrac);
      return s;
    }
    const last = i === L - 1 || net.layers.slice(i + 1).every((m) => m.spec.kind === 'maxpool');
    const k = last ? featureScale : 1;
    let wAbs = 0;
    for (const v of l.w) wAbs = Math.max(wAbs, Math.abs(v * k));
    const weightFrac = fracFor(wAbs, wMax, o.weightBits);
    const outFrac = last ? o.featureFormat.fracBits : fracFor(maxAct[i], 127, 7);
    const accFrac = inFrac + weightFrac;
    weightFracs.push(weightFrac);
    outFracs.push(outFrac);
    inFrac = outFrac;
    const weight = Float32Array.from(l.w, (v) => onGrid(v * k, weightFrac));
    const bias = Float32Array.from(l.b, (v) => onGrid(v * k, accFrac));
    return s.kind === 'conv'
      ? { ...s, relu: true, weightFrac, outFrac, weight, bias }
      : { ...s, relu: true, weightFrac, outFrac, weight, bias };
  });
  const cnn: Cnn = {
    width: net.arch.width,
    height: net.arch.height,
    weightBits: o.weightBits,
    accumulatorBits: 32,
    rounding: 'nearest',
    layers,
  };
  const head = { weight: Float32Array.from(net.head, (v) => v / featureScale), bias: net.headBias[0] };
  // Compare the engine's two passes on the calibration frames.
  const c = compileCnn(cnn);
  if (c.weightSaturations > 0) throw new Error('toModelCnn: a weight or bias did not fit its format');
  const nf = head.weight.length;
  const fl = new Float32Array(nf);
  const fx = new Int8Array(nf);
  const lsb = 2 ** -o.featureFormat.fracBits;
  let sq = 0;
  let maxErr = 0;
  let zeros = 0;
  let steerSq = 0;
  for (let t = 0; t < T; t++) {
    const frame = frames.subarray(t * px, (t + 1) * px);
    cnnForwardFloat(cnn, frame, fl);
    cnnForwardFixed(c, frame, fx);
    let yFl = head.bias;
    let yFx = head.bias;
    for (let k = 0; k < nf; k++) {
      const e = Math.abs(fx[k] * lsb - fl[k]) / lsb;
      sq += e * e;
      maxErr = Math.max(maxErr, e);
      if (fx[k] === 0) zeros++;
      yFl += head.weight[k] * fl[k];
      yFx += head.weight[k] * fx[k] * lsb;
    }
    steerSq += (yFx - yFl) ** 2;
  }
  return {
    cnn,
    head,
    report: {
      featureScale,
      weightFracs,
      outFracs,
      featureRmseLsb: Math.sqrt(sq / (T * nf)),
      featureMaxErrLsb: maxErr,
      accumulatorSaturations: c.saturations.accumulator,
      activationSaturations: c.saturations.activation,
      zeroFeatureFraction: zeros / (T * nf),
      steeringRmseFixedVsFloat: Math.sqrt(steerSq / T),
    },
  };
}

// The fixed-point forward pass. Weights become signed weightBits codes (LSB 2^-weightFrac), biases
// accumulator codes (LSB 2^-(inFrac + weightFrac)); products are summed exactly, each sum saturates
// once at accumulatorBits, then ReLU, then it is rounded to the layer's int8 output format. Every
// clamp is counted. The last layer's codes are the features (Q2.5 for the driving models).
import { quantize, roundBias, type SatCounter, signedMax, signedMin } from '../fixed';
import { convAcc, denseAcc, maxPool } from './kernels';
import { CNN_INPUT_FRAC, checkCnn, shapeSize } from './shapes';
import type { Cnn, Shape } from './types';

export interface CompiledLayerCnn {
  /** Integer weight codes and bias codes in accumulator units (null for pooling). */
  w: Float64Array | null;
  b: Float64Array | null;
  /** Accumulator units to output LSBs: 2^(outFrac - inFrac - weightFrac). */
  scale: number;
  /** Whether some sum can pass the accumulator range (|bias| + 128 · Σ|w| over a fan-in). */
  canSaturate: boolean;
  out: Float64Array;
}

export interface CnnSaturations {
  /** Accumulators clamped to accumulatorBits. */
  accumulator: number;
  /** Outputs clamped to int8. */
  activation: number;
}

export interface CompiledCnn {
  cnn: Cnn;
  shapes: Shape[];
  layers: CompiledLayerCnn[];
  /** Weights and biases clamped while quantizing. */
  weightSaturations: number;
  /** Counted over every forward pass since compiling (reset them to count per clip). */
  saturations: CnnSaturations;
  input: Float64Array;
}

function fanInBound(w: Float64Array, b: Float64Array): number {
  const fanIn = w.length / b.length;
  let bound = 0;
  for (let j = 0; j < b.length; j++) {
    let s = Math.abs(b[j]);
    for (let k = 0; k < fanIn; k++) s += 128 * Math.abs(w[j * fanIn + k]);
    bound = Math.max(bound, s);
  }
  return bound;
}

export function compileCnn(cnn: Cnn): CompiledCnn {
  const shapes = checkCnn(cnn);
  const sat: SatCounter = { count: 0 };
  const accMax = signedMax(cnn.accumulatorBits);
  let inFrac = CNN_INPUT_FRAC;
  const layers = cnn.layers.map((l, i): CompiledLayerCnn => {
    const out = new Float64Array(shapeSize(shapes[i + 1]));
    if (l.kind === 'maxpool') return { w: null, b: null, scale: 1, canSaturate: false, out };
    const accFrac = inFrac + l.weightFrac;
    const w = Float64Array.from(l.weight, (v) =>
      quantize(v, l.weightFrac, cnn.weightBits, cnn.rounding, sat),
    );
    const b = Float64Array.from(l.bias, (v) => quantize(v, accFrac, cnn.accumulatorBits, cnn.rounding, sat));
    const scale = 2 ** (l.outFrac - accFrac);
    inFrac = l.outFrac;
    return { w, b, scale, canSaturate: fanInBound(w, b) > accMax, out };
  });
  return {
    cnn,
    shapes,
    layers,
    weightSaturations: sat.count,
    saturations: { accumulator: 0, activation: 0 },
    input: new Float64Array(shapeSize(shapes[0])),
  };
}

/**
 * One sum to its output code: saturate at the accumulator width, ReLU, round to the output LSB,
 * clamp to int8; counts every clamp in c.saturations.
 */
export function outputCode(c: CompiledCnn, layer: CompiledLayerCnn, relu: boolean, sum: number): number {
  let v = sum;
  const s = c.saturations;
  if (layer.canSaturate) {
    const hi = signedMax(c.cnn.accumulatorBits);
    const lo = signedMin(c.cnn.accumulatorBits);
    if (v > hi) {
      v = hi;
      s.accumulator++;
    } else if (v < lo) {
      v = lo;
      s.accumulator++;
    }
  }
  if (relu && v < 0) v = 0;
  const q = Math.floor(v * layer.scale + roundBias(c.cnn.rounding));
  if (q > 127) {
    s.activation++;
    return 127;
  }
  if (q < -128) {
    s.activation++;
    return -128;
  }
  return q;
}

function finish(c: CompiledCnn, layer: CompiledLayerCnn, relu: boolean): void {
  const out = layer.out;
  for (let k = 0; k < out.length; k++) out[k] = outputCode(c, layer, relu, out[k]);
}

/** Every layer's output codes for one frame (index l is layer l's output), for tests and tools. */
export function cnnActivationsFixed(c: CompiledCnn, frame: Uint8Array): Float64Array[] {
  const n = shapeSize(c.shapes[0]);
  if (frame.length !== n) {
    throw new Error(
      `cnn: frame has ${frame.length} pixels, expected ${c.shapes[0].height}x${c.shapes[0].width}`,
    );
  }
  for (let i = 0; i < n; i++) c.input[i] = frame[i] - 128;
  let x = c.input;
  c.cnn.layers.forEach((l, i) => {
    const cl = c.layers[i];
    const s = c.shapes[i];
    if (l.kind === 'maxpool') maxPool(x, s, l.size, l.stride, cl.out);
    else {
      if (l.kind === 'conv') convAcc(x, s, cl.w!, cl.b!, l, cl.out);
      else denseAcc(x, shapeSize(s), cl.w!, cl.b!, cl.out);
      finish(c, cl, l.relu);
    }
    x = cl.out;
  });
  return c.layers.map((l) => l.out);
}

/** The features of one grey frame as int8 codes of the last layer's format (Q2.5 when outFrac is 5). */
export function cnnForwardFixed(c: CompiledCnn, frame: Uint8Array, out: Int8Array): void {
  const last = c.shapes[c.shapes.length - 1];
  if (out.length !== shapeSize(last)) {
    throw new Error(`cnn: output has room for ${out.length} features, expected ${shapeSize(last)}`);
  }
  const acts = cnnActivationsFixed(c, frame);
  out.set(acts[acts.length - 1]);
}

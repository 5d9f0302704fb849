// The readout (linear, or linear -> ReLU -> linear) on the top layer's real-valued h, in float in
// both numeric modes, plus softmax and argmax.
import type { Scratch } from './scratch';
import type { DenseLayer } from './types';

function dense(layer: DenseLayer, x: Float64Array | Float32Array, xScale: number, out: Float64Array): void {
  const { inSize, outSize, weight, bias } = layer;
  // Four partial sums (lanes i mod 4, then (s0 + s1) + (s2 + s3)): one chain of dependent adds
  // would bound the loop by the add latency; this order is the definition of the readout's result.
  const n4 = inSize & ~3;
  for (let o = 0; o < outSize; o++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const row = o * inSize;
    let i = 0;
    for (; i < n4; i += 4) {
      s0 += weight[row + i] * x[i];
      s1 += weight[row + i + 1] * x[i + 1];
      s2 += weight[row + i + 2] * x[i + 2];
      s3 += weight[row + i + 3] * x[i + 3];
    }
    if (i < inSize) s0 += weight[row + i] * x[i];
    if (i + 1 < inSize) s1 += weight[row + i + 1] * x[i + 1];
    if (i + 2 < inSize) s2 += weight[row + i + 2] * x[i + 2];
    out[o] = bias[o] + (s0 + s1 + (s2 + s3)) * xScale;
  }
}

/** Fills sc.output (and sc.probs: softmax for classification, a copy for regression). */
export function readoutInto(sc: Scratch): void {
  readoutLayers(sc);
  readoutProbs(sc);
}

/** The readout's layers on the top layer's h into sc.output (and sc.mid for the mlp). */
function readoutLayers(sc: Scratch): void {
  const cm = sc.cm;
  const ro = cm.model.readout.layers;
  const h = sc.layers[sc.layers.length - 1].h;
  if (ro.length === 1) {
    dense(ro[0], h, cm.valueScale, sc.output);
  } else {
    dense(ro[0], h, cm.valueScale, sc.mid);
    const mid = sc.mid;
    for (let k = 0; k < mid.length; k++) if (mid[k] < 0) mid[k] = 0;
    dense(ro[1], mid, 1, sc.output);
  }
}

/** sc.probs from sc.output: softmax for classification, a copy for regression. */
export function readoutProbs(sc: Scratch): void {
  const cm = sc.cm;
  const out = sc.output;
  const probs = sc.probs;
  if (!cm.classification) {
    probs.set(out);
    return;
  }
  let max = -Infinity;
  for (let k = 0; k < out.length; k++) if (out[k] > max) max = out[k];
  let sum = 0;
  for (let k = 0; k < out.length; k++) {
    probs[k] = Math.exp(out[k] - max);
    sum += probs[k];
  }
  for (let k = 0; k < out.length; k++) probs[k] /= sum;
}

/** Index of the largest value (the first one on ties). */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
  return best;
}

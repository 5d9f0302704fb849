// The loops both numeric modes share. They add products into a Float64Array: in float mode that is
// the float forward; in fixed mode weights and inputs are integer codes and every partial sum stays
// below 2^53 (|w| <= 2^15, |x| <= 128, fan-in <= 2^22), so the sums are exact integers in any order.
import { sweepSide } from './shapes';
import type { ConvSpec, Shape } from './types';

/**
 * For every tap t of a kernel, the outputs whose tap t lands inside the input: [lo[t], hi[t]).
 * (ranges[t] = lo, ranges[kernel + t] = hi.)
 */
function validRanges(
  inSide: number,
  outSide: number,
  kernel: number,
  stride: number,
  pad: number,
): Int32Array {
  const r = new Int32Array(2 * kernel);
  for (let t = 0; t < kernel; t++) {
    const lo = Math.max(0, Math.ceil((pad - t) / stride));
    const hi = Math.min(outSide, Math.floor((inSide - 1 + pad - t) / stride) + 1);
    r[t] = lo;
    r[kernel + t] = Math.max(lo, hi);
  }
  return r;
}

/**
 * acc[oc, oy, ox] = bias[oc] + Σ_{ic, ky, kx} w[oc, ic, ky, kx] · x[ic, oy·s − p + ky, ox·s − p + kx],
 * terms added in (ic, ky, kx) order, taps in the zero padding skipped.
 */
export function convAcc(
  x: Float64Array,
  s: Shape,
  w: Float64Array,
  bias: Float64Array,
  l: ConvSpec,
  acc: Float64Array,
): void {
  const { kernel: k, stride, pad } = l;
  const Ho = sweepSide(s.height, k, stride, pad);
  const Wo = sweepSide(s.width, k, stride, pad);
  const plane = Ho * Wo;
  const ys = validRanges(s.height, Ho, k, stride, pad);
  const xs = validRanges(s.width, Wo, k, stride, pad);
  for (let oc = 0; oc < l.channels; oc++) {
    const o0 = oc * plane;
    acc.fill(bias[oc], o0, o0 + plane);
    for (let ic = 0; ic < s.channels; ic++) {
      const x0 = ic * s.height * s.width;
      const w0 = (oc * s.channels + ic) * k * k;
      for (let ky = 0; ky < k; ky++) {
        const yLo = ys[ky];
        const yHi = ys[k + ky];
        for (let kx = 0; kx < k; kx++) {
          const wv = w[w0 + ky * k + kx];
          if (wv === 0) continue;
          const xLo = xs[kx];
          const xHi = xs[k + kx];
          for (let oy = yLo; oy < yHi; oy++) {
            const row = x0 + (oy * stride - pad + ky) * s.width - pad + kx;
            const o = o0 + oy * Wo;
            for (let ox = xLo; ox < xHi; ox++) acc[o + ox] += wv * x[row + ox * stride];
          }
        }
      }
    }
  }
}

/** Multiply-accumulates a conv layer executes (taps in the padding are not computed). */
export function convMacs(s: Shape, l: ConvSpec): number {
  const Ho = sweepSide(s.height, l.kernel, l.stride, l.pad);
  const Wo = sweepSide(s.width, l.kernel, l.stride, l.pad);
  const ys = validRanges(s.height, Ho, l.kernel, l.stride, l.pad);
  const xs = validRanges(s.width, Wo, l.kernel, l.stride, l.pad);
  let rows = 0;
  let cols = 0;
  for (let t = 0; t < l.kernel; t++) {
    rows += ys[l.kernel + t] - ys[t];
    cols += xs[l.kernel + t] - xs[t];
  }
  return l.channels * s.channels * rows * cols;
}

/** acc[j] = bias[j] + Σ_k w[j, k] · x[k] in k order (zero inputs, common after ReLU, are skipped). */
export function denseAcc(
  x: Float64Array,
  n: number,
  w: Float64Array,
  bias: Float64Array,
  acc: Float64Array,
): void {
  const m = bias.length;
  for (let j = 0; j < m; j++) acc[j] = bias[j];
  for (let k = 0; k < n; k++) {
    const v = x[k];
    if (v === 0) continue;
    for (let j = 0, wi = k; j < m; j++, wi += n) acc[j] += w[wi] * v;
  }
}

/** out[c, oy, ox] = max over the size x size window at (oy·stride, ox·stride). */
export function maxPool(x: Float64Array, s: Shape, size: number, stride: number, out: Float64Array): void {
  const Ho = sweepSide(s.height, size, stride, 0);
  const Wo = sweepSide(s.width, size, stride, 0);
  let o = 0;
  for (let c = 0; c < s.channels; c++) {
    const x0 = c * s.height * s.width;
    for (let oy = 0; oy < Ho; oy++) {
      for (let ox = 0; ox < Wo; ox++) {
        let m = -Infinity;
        for (let dy = 0; dy < size; dy++) {
          const row = x0 + (oy * stride + dy) * s.width + ox * stride;
          for (let dx = 0; dx < size; dx++) if (x[row + dx] > m) m = x[row + dx];
        }
        out[o++] = m;
      }
    }
  }
}

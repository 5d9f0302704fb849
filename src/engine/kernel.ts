// The multiply-accumulate kernels shared by the dense and the delta GRU, so the benchmark compares
// the same inner loops. Unrolled by hand: V8 neither unrolls nor vectorizes typed-array loops.
//
// Fixed point adds four columns per pass over the accumulators (a quarter of the accumulator loads
// and stores; about 1.4x the MAC rate here, while eight per pass measured slower). That is exact:
// deltas, weights and accumulators are integers (|delta| <= 255, |weight| <= 2^15, bias sums and
// saturated accumulators < 2^32, files allow at most 2^13 columns a step), so every partial sum stays
// far below 2^53 and is exact in any order; saturation still follows all columns of a step. Float
// mode keeps one column per pass so its rounding, and the dense/delta agreement at Θ = 0, stay as
// they were.

/** acc[a .. a + n) += w[c .. c + n) * d. */
export function axpy(acc: Float64Array, a: number, w: Float32Array, c: number, n: number, d: number): void {
  const end = a + n;
  const end4 = end - (n & 3);
  while (a < end4) {
    acc[a] += w[c] * d;
    acc[a + 1] += w[c + 1] * d;
    acc[a + 2] += w[c + 2] * d;
    acc[a + 3] += w[c + 3] * d;
    a += 4;
    c += 4;
  }
  while (a < end) acc[a++] += w[c++] * d;
}

/** acc[a .. a + n) += w[c1 ..] * d1 + w[c2 ..] * d2 + w[c3 ..] * d3 + w[c4 ..] * d4 (integers only). */
function axpy4(
  acc: Float64Array,
  a: number,
  n: number,
  w: Float32Array,
  c1: number,
  d1: number,
  c2: number,
  d2: number,
  c3: number,
  d3: number,
  c4: number,
  d4: number,
): void {
  const end = a + n;
  const end2 = end - (n & 1);
  while (a < end2) {
    acc[a] += w[c1] * d1 + w[c2] * d2 + w[c3] * d3 + w[c4] * d4;
    acc[a + 1] += w[c1 + 1] * d1 + w[c2 + 1] * d2 + w[c3 + 1] * d3 + w[c4 + 1] * d4;
    a += 2;
    c1 += 2;
    c2 += 2;
    c3 += 2;
    c4 += 2;
  }
  if (a < end) acc[a] += w[c1] * d1 + w[c2] * d2 + w[c3] * d3 + w[c4] * d4;
}

/** acc[a .. a + n) += w[c1 ..] * d1 + w[c2 ..] * d2 + w[c3 ..] * d3 (integers only). */
function axpy3(
  acc: Float64Array,
  a: number,
  n: number,
  w: Float32Array,
  c1: number,
  d1: number,
  c2: number,
  d2: number,
  c3: number,
  d3: number,
): void {
  const end = a + n;
  while (a < end) acc[a++] += w[c1++] * d1 + w[c2++] * d2 + w[c3++] * d3;
}

/** acc[a .. a + n) += w[c1 ..] * d1 + w[c2 ..] * d2 (integers only). */
function axpy2(
  acc: Float64Array,
  a: number,
  n: number,
  w: Float32Array,
  c1: number,
  d1: number,
  c2: number,
  d2: number,
): void {
  const end = a + n;
  while (a < end) acc[a++] += w[c1++] * d1 + w[c2++] * d2;
}

/**
 * acc[a .. a + n) += Σ_k w[idx[k] · stride + off ..] * d[k] for k in [from, to): the columns of the
 * fired entries. `exact` (fixed point) allows four columns per pass.
 */
export function addColumns(
  acc: Float64Array,
  a: number,
  n: number,
  w: Float32Array,
  off: number,
  stride: number,
  idx: Int32Array,
  d: Float64Array,
  from: number,
  to: number,
  exact: boolean,
): void {
  let k = from;
  if (exact) {
    for (; k + 4 <= to; k += 4) {
      axpy4(
        acc,
        a,
        n,
        w,
        idx[k] * stride + off,
        d[k],
        idx[k + 1] * stride + off,
        d[k + 1],
        idx[k + 2] * stride + off,
        d[k + 2],
        idx[k + 3] * stride + off,
        d[k + 3],
      );
    }
    // Two or three columns left share one pass too (one at a time, ~13% of a step at 12% occupancy).
    const left = to - k;
    if (left === 3) {
      const c1 = idx[k] * stride + off;
      const c2 = idx[k + 1] * stride + off;
      axpy3(acc, a, n, w, c1, d[k], c2, d[k + 1], idx[k + 2] * stride + off, d[k + 2]);
      return;
    }
    if (left === 2) {
      axpy2(acc, a, n, w, idx[k] * stride + off, d[k], idx[k + 1] * stride + off, d[k + 1]);
      return;
    }
  }
  for (; k < to; k++) axpy(acc, a, w, idx[k] * stride + off, n, d[k]);
}

/** The dense product: acc[a .. a + n) += Σ_i w[i · stride + off ..] * x[i] over all `count` columns. */
export function addAllColumns(
  acc: Float64Array,
  a: number,
  n: number,
  w: Float32Array,
  off: number,
  stride: number,
  x: Float32Array,
  count: number,
  exact: boolean,
): void {
  let i = 0;
  if (exact) {
    for (; i + 4 <= count; i += 4) {
      const c = i * stride + off;
      axpy4(acc, a, n, w, c, x[i], c + stride, x[i + 1], c + 2 * stride, x[i + 2], c + 3 * stride, x[i + 3]);
    }
  }
  for (; i < count; i++) axpy(acc, a, w, i * stride + off, n, x[i]);
}

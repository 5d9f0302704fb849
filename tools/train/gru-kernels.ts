// The three matrix products of GRU training, over batch-innermost arrays ([row * B + b], b < active).
// Each kernel keeps a block of sums in local variables so that one load serves several
// multiply-adds; every sum still adds its terms one by one in the order of the plain loop, so the
// results are bit-identical to it (no reassociation, no fused multiply-add in JS).

/**
 * out[g][b] = bias[g] + Σ_k w[g][k] · x[k][b], summed in k order. `rows` must be a multiple of 3
 * (it is 3H): blocks of 3 rows × 4 lanes share each load of w and x.
 */
export function affine(
  out: Float64Array,
  bias: Float64Array,
  w: Float64Array,
  x: Float64Array,
  rows: number,
  K: number,
  B: number,
  active: number,
): void {
  for (let g = 0; g < rows; g += 3) {
    const w0 = g * K;
    const w1 = w0 + K;
    const w2 = w1 + K;
    const o = g * B;
    let b = 0;
    for (; b + 4 <= active; b += 4) {
      let r0 = bias[g];
      let r1 = r0;
      let r2 = r0;
      let r3 = r0;
      let s0 = bias[g + 1];
      let s1 = s0;
      let s2 = s0;
      let s3 = s0;
      let t0 = bias[g + 2];
      let t1 = t0;
      let t2 = t0;
      let t3 = t0;
      for (let k = 0, xi = b; k < K; k++, xi += B) {
        const u = w[w0 + k];
        const v = w[w1 + k];
        const y = w[w2 + k];
        const x0 = x[xi];
        const x1 = x[xi + 1];
        const x2 = x[xi + 2];
        const x3 = x[xi + 3];
        r0 += u * x0;
        r1 += u * x1;
        r2 += u * x2;
        r3 += u * x3;
        s0 += v * x0;
        s1 += v * x1;
        s2 += v * x2;
        s3 += v * x3;
        t0 += y * x0;
        t1 += y * x1;
        t2 += y * x2;
        t3 += y * x3;
      }
      const a = o + b;
      out[a] = r0;
      out[a + 1] = r1;
      out[a + 2] = r2;
      out[a + 3] = r3;
      out[a + B] = s0;
      out[a + B + 1] = s1;
      out[a + B + 2] = s2;
      out[a + B + 3] = s3;
      out[a + 2 * B] = t0;
      out[a + 2 * B + 1] = t1;
      out[a + 2 * B + 2] = t2;
      out[a + 2 * B + 3] = t3;
    }
    for (; b < active; b++) {
      let r = bias[g];
      let s = bias[g + 1];
      let t = bias[g + 2];
      for (let k = 0, xi = b; k < K; k++, xi += B) {
        const xk = x[xi];
        r += w[w0 + k] * xk;
        s += w[w1 + k] * xk;
        t += w[w2 + k] * xk;
      }
      out[o + b] = r;
      out[o + B + b] = s;
      out[o + 2 * B + b] = t;
    }
  }
}

/**
 * gw[q][k] += Σ_b d[q][b] · x[k][b], the per-step sum started at 0 and taken in b order, then added
 * once. `rows` must be a multiple of 3: blocks of 3 rows × 4 columns share each load of d and x.
 */
export function weightGrad(
  gw: Float64Array,
  d: Float64Array,
  x: Float64Array,
  rows: number,
  K: number,
  B: number,
  active: number,
): void {
  for (let q = 0; q < rows; q += 3) {
    const d0 = q * B;
    const d1 = d0 + B;
    const d2 = d1 + B;
    const o = q * K;
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      const x0 = k * B;
      const x1 = x0 + B;
      const x2 = x1 + B;
      const x3 = x2 + B;
      let r0 = 0;
      let r1 = 0;
      let r2 = 0;
      let r3 = 0;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let b = 0; b < active; b++) {
        const u = d[d0 + b];
        const v = d[d1 + b];
        const y = d[d2 + b];
        const y0 = x[x0 + b];
        const y1 = x[x1 + b];
        const y2 = x[x2 + b];
        const y3 = x[x3 + b];
        r0 += u * y0;
        r1 += u * y1;
        r2 += u * y2;
        r3 += u * y3;
        s0 += v * y0;
        s1 += v * y1;
        s2 += v * y2;
        s3 += v * y3;
        t0 += y * y0;
        t1 += y * y1;
        t2 += y * y2;
        t3 += y * y3;
      }
      const a = o + k;
      gw[a] += r0;
      gw[a + 1] += r1;
      gw[a + 2] += r2;
      gw[a + 3] += r3;
      gw[a + K] += s0;
      gw[a + K + 1] += s1;
      gw[a + K + 2] += s2;
      gw[a + K + 3] += s3;
      gw[a + 2 * K] += t0;
      gw[a + 2 * K + 1] += t1;
      gw[a + 2 * K + 2] += t2;
      gw[a + 2 * K + 3] += t3;
    }
    for (; k < K; k++) {
      const xk = k * B;
      let r = 0;
      let s = 0;
      let t = 0;
      for (let b = 0; b < active; b++) {
        const y = x[xk + b];
        r += d[d0 + b] * y;
        s += d[d1 + b] * y;
        t += d[d2 + b] * y;
      }
      gw[o + k] += r;
      gw[o + K + k] += s;
      gw[o + 2 * K + k] += t;
    }
  }
}

/**
 * out[j][b] += Σ_q w[q][j] · d[q][b] for j < H, summed into out[j][b] itself in q order over the
 * `rows` rows of w (H columns): blocks of 2 units × 4 lanes share each load of w and d.
 */
export function backprop(
  out: Float64Array,
  w: Float64Array,
  d: Float64Array,
  rows: number,
  H: number,
  B: number,
  active: number,
): void {
  let j = 0;
  for (; j + 2 <= H; j += 2) {
    const o = j * B;
    let b = 0;
    for (; b + 4 <= active; b += 4) {
      const a = o + b;
      let r0 = out[a];
      let r1 = out[a + 1];
      let r2 = out[a + 2];
      let r3 = out[a + 3];
      let s0 = out[a + B];
      let s1 = out[a + B + 1];
      let s2 = out[a + B + 2];
      let s3 = out[a + B + 3];
      for (let q = 0, wi = j, di = b; q < rows; q++, wi += H, di += B) {
        const u = w[wi];
        const v = w[wi + 1];
        const y0 = d[di];
        const y1 = d[di + 1];
        const y2 = d[di + 2];
        const y3 = d[di + 3];
        r0 += u * y0;
        r1 += u * y1;
        r2 += u * y2;
        r3 += u * y3;
        s0 += v * y0;
        s1 += v * y1;
        s2 += v * y2;
        s3 += v * y3;
      }
      out[a] = r0;
      out[a + 1] = r1;
      out[a + 2] = r2;
      out[a + 3] = r3;
      out[a + B] = s0;
      out[a + B + 1] = s1;
      out[a + B + 2] = s2;
      out[a + B + 3] = s3;
    }
    for (; b < active; b++) {
      let r = out[o + b];
      let s = out[o + B + b];
      for (let q = 0, wi = j, di = b; q < rows; q++, wi += H, di += B) {
        const y = d[di];
        r += w[wi] * y;
        s += w[wi + 1] * y;
      }
      out[o + b] = r;
      out[o + B + b] = s;
    }
  }
  if (j < H) backpropUnit(out, w, d, rows, H, B, active, j);
}

/** The odd last unit of `backprop`, 4 lanes at a time. */
function backpropUnit(
  out: Float64Array,
  w: Float64Array,
  d: Float64Array,
  rows: number,
  H: number,
  B: number,
  active: number,
  j: number,
): void {
  const o = j * B;
  let b = 0;
  for (; b + 4 <= active; b += 4) {
    const a = o + b;
    let r0 = out[a];
    let r1 = out[a + 1];
    let r2 = out[a + 2];
    let r3 = out[a + 3];
    for (let q = 0, wi = j, di = b; q < rows; q++, wi += H, di += B) {
      const u = w[wi];
      r0 += u * d[di];
      r1 += u * d[di + 1];
      r2 += u * d[di + 2];
      r3 += u * d[di + 3];
    }
    out[a] = r0;
    out[a + 1] = r1;
    out[a + 2] = r2;
    out[a + 3] = r3;
  }
  for (; b < active; b++) {
    let r = out[o + b];
    for (let q = 0, wi = j, di = b; q < rows; q++, wi += H, di += B) r += w[wi] * d[di];
    out[o + b] = r;
  }
}

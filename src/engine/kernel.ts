// The multiply-accumulate kernel shared by the dense and the delta GRU, so the benchmark compares
// the same inner loop. Unrolled by four by hand: V8 neither unrolls nor vectorizes typed-array loops,
// and unrolling roughly doubles the MAC rate measured on this machine.

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

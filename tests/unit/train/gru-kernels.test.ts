// The blocked training kernels must equal the plain loops bit for bit (same terms, same order), on
// shapes that leave partial blocks of rows, columns and batch lanes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affine, backprop, weightGrad } from '../../../tools/train/gru-kernels';

const shape = fc.record({
  H: fc.integer({ min: 1, max: 9 }),
  K: fc.integer({ min: 1, max: 11 }),
  B: fc.integer({ min: 1, max: 13 }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

/** Values of mixed magnitude, so any change of summation order shows in the low bits. */
function values(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    return ((s >>> 8) / 2 ** 24 - 0.5) * 10 ** ((s >>> 4) % 5);
  });
}

const same = (a: Float64Array, b: Float64Array) => expect(Array.from(a)).toEqual(Array.from(b));

describe('training kernels', () => {
  it('affine: bias + Σ_k w·x in k order', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 13 }), ({ H, K, B, seed }, act) => {
        const active = Math.min(act, B);
        const rows = 3 * H;
        const w = values(rows * K, seed);
        const x = values(K * B, seed + 1);
        const bias = values(rows, seed + 2);
        const got = values(rows * B, seed + 3);
        const want = got.slice();
        affine(got, bias, w, x, rows, K, B, active);
        for (let g = 0; g < rows; g++)
          for (let b = 0; b < active; b++) {
            let s = bias[g];
            for (let k = 0; k < K; k++) s += w[g * K + k] * x[k * B + b];
            want[g * B + b] = s;
          }
        same(got, want);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('weightGrad: gw += (Σ_b d·x in b order)', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 13 }), ({ H, K, B, seed }, act) => {
        const active = Math.min(act, B);
        const rows = 3 * H;
        const d = values(rows * B, seed);
        const x = values(K * B, seed + 1);
        const got = values(rows * K, seed + 2);
        const want = got.slice();
        weightGrad(got, d, x, rows, K, B, active);
        for (let q = 0; q < rows; q++)
          for (let k = 0; k < K; k++) {
            let s = 0;
            for (let b = 0; b < active; b++) s += d[q * B + b] * x[k * B + b];
            want[q * K + k] += s;
          }
        same(got, want);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('backprop: out += Σ_q w·d, added into out in q order', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 13 }), ({ H, B, seed }, act) => {
        const active = Math.min(act, B);
        const rows = 3 * H;
        const w = values(rows * H, seed);
        const d = values(rows * B, seed + 1);
        const got = values(H * B, seed + 2);
        const want = got.slice();
        backprop(got, w, d, rows, H, B, active);
        for (let q = 0; q < rows; q++)
          for (let j = 0; j < H; j++)
            for (let b = 0; b < active; b++) want[j * B + b] += w[q * H + j] * d[q * B + b];
        same(got, want);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

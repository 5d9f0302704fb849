// The float dense GRU against numbers worked out by hand and against an independent, textbook
// row-major formulation (PyTorch GRU equations with linear_before_reset = 1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { runDenseSequence } from '../../../src/engine/dense';
import { randomModel } from '../../../src/engine/random-model';
import type { Model } from '../../../src/engine/types';

/** I = 2, H = 1, identity readout. Rows r, z, n. */
function handModel(): Model {
  const m = randomModel({ inputSize: 2, hiddenSizes: [1], outputs: 1, seed: 1 });
  m.layers[0] = {
    inputSize: 2,
    hiddenSize: 1,
    wIh: Float32Array.of(0.5, -1, 1, 0, 0, 2),
    wHh: Float32Array.of(1, -1, 0.5),
    bIh: Float32Array.of(0.0625, 0, 0),
    bHh: Float32Array.of(0.0375, 0, 0.2),
  };
  m.readout = {
    kind: 'linear',
    layers: [{ inSize: 1, outSize: 1, weight: Float32Array.of(1), bias: Float32Array.of(0) }],
  };
  m.task = { kind: 'regression', units: '', outputNames: ['h'] };
  return m;
}

describe('float dense GRU', () => {
  it('matches a hand-computed two-step example', () => {
    // Step 1: x = (1, 0.5), h0 = 0.
    //   M_r = 0.5·1 − 1·0.5 + 1·0 + (0.0625 + 0.0375) = 0.1      r = σ(0.1) = 0.524979187
    //   M_z = 1·1 + 0·0.5 − 1·0 = 1                             z = σ(1)   = 0.731058579
    //   M_nx = 0·1 + 2·0.5 = 1, M_nh = 0.5·0 + 0.2 = 0.2         n = tanh(1 + 0.524979187·0.2) = 0.802286370
    //   h1 = (1 − z)·n + z·h0 = 0.268941421·0.802286370 = 0.215768037
    // Step 2: x = (0, 1).
    //   M_r = −1 + h1 + 0.1 = −0.684231963                      r = 0.335317428
    //   M_z = −h1 = −0.215768037                                z = 0.446266297
    //   M_nx = 2, M_nh = 0.5·h1 + 0.2 = 0.307884018               n = tanh(2 + r·M_nh) = 0.970639922
    //   h2 = (1 − z)·n + z·h1 = 0.553733703·0.970639922 + 0.446266297·0.215768037 = 0.633766041
    const cm = compileModel(handModel(), 'float');
    const r = runDenseSequence(cm, Float32Array.of(1, 0.5, 0, 1), 2);
    expect(r.h[0][0]).toBeCloseTo(0.215768037, 6);
    expect(r.h[0][1]).toBeCloseTo(0.633766041, 6);
    expect(r.output[1]).toBeCloseTo(0.633766041, 6);
  });

  it('matches an independent row-major formulation on random models', () => {
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 1e6 }),
        (I, H, T, seed) => {
          const model = randomModel({ inputSize: I, hiddenSizes: [H], outputs: 1, seed });
          const L = model.layers[0];
          const xs = Float32Array.from({ length: T * I }, (_, k) => Math.sin(k * 1.7 + seed));
          const got = runDenseSequence(compileModel(model, 'float'), xs, T).h[0];
          let h = new Array<number>(H).fill(0);
          const row = (w: Float32Array, g: number, j: number, v: ArrayLike<number>, n: number, off = 0) => {
            let s = 0;
            for (let i = 0; i < n; i++) s += w[(g * H + j) * n + i] * v[off + i];
            return s;
          };
          for (let t = 0; t < T; t++) {
            const next = h.map((hj, j) => {
              const r = sig(row(L.wIh, 0, j, xs, I, t * I) + L.bIh[j] + row(L.wHh, 0, j, h, H) + L.bHh[j]);
              const z = sig(
                row(L.wIh, 1, j, xs, I, t * I) + L.bIh[H + j] + row(L.wHh, 1, j, h, H) + L.bHh[H + j],
              );
              const n = Math.tanh(
                row(L.wIh, 2, j, xs, I, t * I) +
                  L.bIh[2 * H + j] +
                  r * (row(L.wHh, 2, j, h, H) + L.bHh[2 * H + j]),
              );
              return (1 - z) * n + z * hj;
            });
            h = next;
            next.forEach((v, j) => {
              expect(got[t * H + j]).toBeCloseTo(v, 5);
            });
          }
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});

// The stepping API in detail: the strict firing rule, Δ values, and accumulators that always equal
// bias + W·x̂ + U·ĥ (the delta identity W·x_t = W·Δx + W·x̂_{t-1}, DESIGN.md 1-2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { randomModel } from '../../../src/engine/random-model';
import { createRunner } from '../../../src/engine/runner';
import { caseArb, thetaArb } from './helpers';

describe('createRunner', () => {
  it('fires only when |x - x̂| > Θx (strictly), with Δ = x - x̂ in real units', () => {
    const cm = compileModel(randomModel({ inputSize: 2, hiddenSizes: [3], outputs: 2, seed: 4 }), 'fixed');
    const r = createRunner(cm, { thetaX: [2], thetaH: [0] });
    const lsb = 1 / 16;
    let s = r.step(Int8Array.of(2, 3)).layers[0];
    expect(Array.from(s.firedX)).toEqual([0, 1]);
    expect(Array.from(s.deltaX)).toEqual([0, 3 * lsb]);
    expect(Array.from(s.xHat)).toEqual([0, 3 * lsb]);
    s = r.step(Int8Array.of(-3, 5)).layers[0];
    expect(Array.from(s.firedX)).toEqual([1, 0]);
    expect(Array.from(s.deltaX)).toEqual([-3 * lsb, 0]);
    expect(s.nx).toBe(1);
    expect(Array.from(s.xHat)).toEqual([-3 * lsb, 3 * lsb]);
    expect(r.t).toBe(2);
  });

  it('fixed point: after every step each accumulator equals bias + W·x̂ + U·ĥ exactly', () => {
    const withTheta = caseArb({ smooth: true }).chain((c) =>
      thetaArb(c.model.layers.length).map((th) => ({ ...c, th })),
    );
    fc.assert(
      fc.property(withTheta, ({ model, steps, codes, th }) => {
        const cm = compileModel(model, 'fixed');
        const runner = createRunner(cm, th);
        const toCode = 2 ** model.fixedPoint.activation.fracBits;
        const toAcc = 1 / cm.accScale;
        for (let t = 0; t < steps; t++) {
          const res = runner.step(codes.subarray(t * cm.inputSize, (t + 1) * cm.inputSize));
          res.layers.forEach((ls, l) => {
            const L = cm.layers[l];
            const { inputSize: I, hiddenSize: H } = L;
            const acc = [ls.mR, ls.mZ, ls.mNx, ls.mNh];
            for (let g = 0; g < 4; g++) {
              for (let j = 0; j < H; j++) {
                let want = L.acc0[g * H + j];
                // Gate rows: r, z from inputs and hidden; n_x from inputs only, n_h from hidden only.
                const row = g < 2 ? g * H + j : 2 * H + j;
                if (g !== 3) for (let i = 0; i < I; i++) want += L.wX[i * 3 * H + row] * ls.xHat[i] * toCode;
                if (g !== 2) for (let k = 0; k < H; k++) want += L.wH[k * 3 * H + row] * ls.hHat[k] * toCode;
                expect(acc[g][j] * toAcc).toBe(want);
              }
            }
          });
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

// Fixed point never clips silently: accumulator, input and hidden-state saturation are counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { DEFAULT_FIXED_POINT, randomModel } from '../../../src/engine/random-model';
import { createRunner } from '../../../src/engine/runner';
import { runSequence } from '../../../src/engine/sequence';
import type { Model } from '../../../src/engine/types';
import { caseArb } from './helpers';

const zero = { thetaX: [0], thetaH: [0] };

/** I = 1, H = 1 with the given weights (rows r, z, n) and Q0.7 activations. */
function tiny(wIh: number[], bIh: number[], accumulatorBits = 32): Model {
  const m = randomModel({
    inputSize: 1,
    hiddenSizes: [1],
    outputs: 2,
    seed: 1,
    fixedPoint: { ...DEFAULT_FIXED_POINT, activation: { intBits: 0, fracBits: 7 }, accumulatorBits },
  });
  m.layers[0] = {
    inputSize: 1,
    hiddenSize: 1,
    wIh: Float32Array.from(wIh),
    wHh: Float32Array.of(0, 0, 0),
    bIh: Float32Array.from(bIh),
    bHh: Float32Array.of(0, 0, 0),
  };
  return m;
}

describe('saturation counting', () => {
  it('accumulators clamp at ±2^(bits-1) and count each clamp', () => {
    // w = 1.5 → 96 (2^-6 units); x = 0.99 → 127 (2^-7): 96·127 = 12192 > 2^11 - 1 in every gate row.
    const cm = compileModel(tiny([1.5, 1.5, 1.5], [0, 0, 0], 12), 'fixed');
    const runner = createRunner(cm, zero);
    const s = runner.step(Float32Array.of(0.99));
    const max = (2 ** 11 - 1) * cm.accScale;
    expect([s.layers[0].mR[0], s.layers[0].mZ[0], s.layers[0].mNx[0]]).toEqual([max, max, max]);
    expect(runner.costs().layers[0].accSaturations).toBe(3);
    const wide = runSequence(
      compileModel(tiny([1.5, 1.5, 1.5], [0, 0, 0]), 'fixed'),
      zero,
      Float32Array.of(0.99),
      1,
    );
    expect(wide.costs.layers[0].accSaturations).toBe(0);
  });

  it('out-of-range real inputs are clamped to the code range and counted', () => {
    const cm = compileModel(tiny([0, 0, 0], [0, 0, 0]), 'fixed');
    const r = runSequence(cm, zero, Float32Array.of(5, -5, 0.5), 3, { trace: true });
    expect(Array.from(r.trace!.layers[0].x)).toEqual([127 / 128, -1, 0.5]);
    expect(r.costs.layers[0].actSaturations).toBe(2);
  });

  it('a hidden state that rounds to +1.0 in Q0.7 saturates to 127/128, counted every step', () => {
    // b_in = 5: n = tanh(5) rounds to 1.0 (256/256); b_iz = -8: z rounds to 0, so h = n = 1.0 = code 128.
    const cm = compileModel(tiny([0, 0, 0], [0, -8, 5]), 'fixed');
    const r = runSequence(cm, zero, new Int8Array(4), 4, { trace: true });
    expect(Array.from(r.trace!.layers[0].h)).toEqual([127 / 128, 127 / 128, 127 / 128, 127 / 128]);
    expect(r.costs.layers[0].actSaturations).toBe(4);
    expect(
      runSequence(compileModel(tiny([0, 0, 0], [0, -8, 5]), 'float'), zero, new Int8Array(4), 4).costs
        .layers[0].actSaturations,
    ).toBe(0);
  });

  it('weights beyond the weight format are clamped and counted at compile time', () => {
    // 8-bit weights with 6 fractional bits hold [-2, 1.984375]: 3 and -3 clamp, 1 does not.
    expect(compileModel(tiny([3, -3, 1], [0, 0, 0]), 'fixed').weightSaturations).toBe(2);
    expect(compileModel(tiny([3, -3, 1], [0, 0, 0]), 'float').weightSaturations).toBe(0);
  });
});

describe('skipping the accumulator clamp', () => {
  it('is only done where the clamp provably never fires', () => {
    fc.assert(
      fc.property(
        caseArb({ maxSteps: 20 }),
        fc.integer({ min: 10, max: 24 }),
        ({ model, steps, codes }, bits) => {
          const m = { ...model, fixedPoint: { ...model.fixedPoint, accumulatorBits: bits } };
          const cm = compileModel(m, 'fixed');
          const forced = { ...cm, layers: cm.layers.map((L) => ({ ...L, canSaturate: true })) };
          const th = { thetaX: m.layers.map(() => 1), thetaH: m.layers.map(() => 1) };
          const a = runSequence(cm, th, codes, steps, { trace: true });
          const b = runSequence(forced, th, codes, steps, { trace: true });
          expect(a).toEqual(b);
          cm.layers.forEach((L, l) => {
            if (!L.canSaturate) expect(b.costs.layers[l].accSaturations).toBe(0);
          });
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});

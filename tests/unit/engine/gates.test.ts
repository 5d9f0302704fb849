// The fixed-point gate math against the integer rules written at the top of src/engine/gates.ts,
// recomputed here term by term, for formats that take the int32 fast path and formats that do not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { type GateTables, lookup, roundTo, signedMax, signedMin } from '../../../src/engine/fixed';
import { applyGates } from '../../../src/engine/gates';
import { randomModel } from '../../../src/engine/random-model';
import { createScratch } from '../../../src/engine/scratch';
import type { FixedPointSpec } from '../../../src/engine/types';

const H = 5;

const specArb: fc.Arbitrary<FixedPointSpec> = fc
  .record({
    fracBits: fc.integer({ min: 0, max: 7 }),
    weightBits: fc.constantFrom(8 as const, 16 as const),
    weightFrac: fc.integer({ min: 0, max: 14 }),
    accumulatorBits: fc.integer({ min: 16, max: 32 }),
    rounding: fc.constantFrom('nearest' as const, 'floor' as const),
    gateFrac: fc.integer({ min: 1, max: 16 }),
    tableInputFrac: fc.integer({ min: 0, max: 10 }),
    tableInputRange: fc.constantFrom(2, 4, 8),
  })
  .map(({ fracBits, ...rest }) => ({
    ...rest,
    weightFrac: Math.min(rest.weightFrac, rest.weightBits - 1),
    activation: { intBits: 7 - fracBits, fracBits },
  }));

/** One neuron's h code per the written rules (the tables themselves are pinned in fixed.test.ts). */
function reference(
  spec: FixedPointSpec,
  t: GateTables,
  mR: number,
  mZ: number,
  mNx: number,
  mNh: number,
  hPrev: number,
) {
  const f = spec.activation.fracBits;
  const g = spec.gateFrac;
  const rd = (v: number) => roundTo(v, spec.rounding);
  const real = (m: number) => m * 2 ** -(f + spec.weightFrac);
  const r = lookup(t, t.sigmoid, real(mR), spec.rounding);
  const z = lookup(t, t.sigmoid, real(mZ), spec.rounding);
  const n = lookup(t, t.tanh, real(mNx + rd((r * mNh) / 2 ** g)), spec.rounding);
  const hg = n + rd((z * (rd(hPrev * 2 ** (g - f)) - n)) / 2 ** g);
  const c = rd(hg * 2 ** (f - g));
  return { h: Math.max(-128, Math.min(127, c)), saturated: c > 127 || c < -128 ? 1 : 0 };
}

describe('fixed-point gates', () => {
  it('follow the written integer rules, on the int32 fast path and off it', () => {
    const seen = { fast: 0, general: 0 };
    fc.assert(
      fc.property(
        specArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4 * H, maxLength: 4 * H }),
        fc.array(fc.integer({ min: -128, max: 127 }), { minLength: H, maxLength: H }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (spec, u, hPrev, spread) => {
          const cm = compileModel(
            randomModel({ inputSize: 2, hiddenSizes: [H], outputs: 1, seed: 3, fixedPoint: spec }),
            'fixed',
          );
          seen[cm.fixed!.intTail ? 'fast' : 'general']++;
          const lo = signedMin(spec.accumulatorBits);
          const hi = signedMax(spec.accumulatorBits);
          // Accumulators anywhere in range, mostly near the tables' domain (spread) so gates vary.
          const acc = u.map((v) => Math.max(lo, Math.min(hi, Math.round((2 * v - 1) * spread * hi))));
          const s = createScratch(cm).layers[0];
          s.acc.set(acc);
          s.h.set(hPrev);
          applyGates(cm, cm.layers[0], s);
          let sat = 0;
          for (let j = 0; j < H; j++) {
            const want = reference(
              spec,
              cm.fixed!.tables,
              acc[j],
              acc[H + j],
              acc[2 * H + j],
              acc[3 * H + j],
              hPrev[j],
            );
            expect(s.h[j]).toBe(want.h);
            sat += want.saturated;
          }
          expect(s.actSat).toBe(sat);
        },
      ),
      { seed: 42, numRuns: 400 },
    );
    // Both code paths must have been exercised, or the property says nothing about one of them.
    expect(seen.fast).toBeGreaterThan(50);
    expect(seen.general).toBeGreaterThan(50);
  });
});

// Shared fast-check arbitraries and small builders for the engine tests.
import fc from 'fast-check';
import { DEFAULT_FIXED_POINT, randomModel } from '../../../src/engine/random-model';
import type { FixedPointSpec, Model } from '../../../src/engine/types';

export interface Case {
  model: Model;
  steps: number;
  /** Activation codes, steps x inputSize. */
  codes: Int8Array;
}

export const specArb: fc.Arbitrary<FixedPointSpec> = fc.record({
  activation: fc.constantFrom(
    { intBits: 3, fracBits: 4 },
    { intBits: 2, fracBits: 5 },
    { intBits: 1, fracBits: 6 },
  ),
  weightBits: fc.constantFrom(8 as const, 16 as const),
  weightFrac: fc.integer({ min: 4, max: 7 }),
  accumulatorBits: fc.constant(32),
  rounding: fc.constantFrom('nearest' as const, 'floor' as const),
  gateFrac: fc.integer({ min: 7, max: 10 }),
  tableInputFrac: fc.integer({ min: 5, max: 9 }),
  tableInputRange: fc.constantFrom(4, 8),
});

/**
 * Random shapes (1-3 layers), weights, fixed-point formats and input codes. `smooth` makes inputs
 * a random walk (so thresholds matter) instead of independent codes.
 */
export function caseArb(opts: { maxSteps?: number; smooth?: boolean } = {}): fc.Arbitrary<Case> {
  return fc
    .record({
      inputSize: fc.integer({ min: 1, max: 7 }),
      hiddenSizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }),
      outputs: fc.integer({ min: 1, max: 4 }),
      readout: fc.constantFrom('linear' as const, 'mlp' as const),
      gain: fc.double({ min: 0.3, max: 3, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1e9 }),
      spec: specArb,
      steps: fc.integer({ min: 1, max: opts.maxSteps ?? 24 }),
      inputSeed: fc.integer({ min: 0, max: 1e9 }),
    })
    .map((r) => {
      const model = randomModel({ ...r, fixedPoint: r.spec });
      const codes = new Int8Array(r.steps * r.inputSize);
      let s = r.inputSeed;
      const next = () => {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        return s / 2 ** 32;
      };
      for (let k = 0; k < codes.length; k++) {
        const prev = k >= r.inputSize ? codes[k - r.inputSize] : 0;
        const v = opts.smooth ? prev + Math.round((next() - 0.5) * 12) : Math.floor(next() * 256) - 128;
        codes[k] = Math.max(-128, Math.min(127, v));
      }
      return { model, steps: r.steps, codes };
    });
}

export const thetaArb = (layers: number) =>
  fc.record({
    thetaX: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: layers, maxLength: layers }),
    thetaH: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: layers, maxLength: layers }),
  });

export const DEFAULT_SPEC = DEFAULT_FIXED_POINT;

// Random models over the whole range of fixed-point formats a model file may declare, with weight
// gains large enough that accumulators and hidden states saturate in a good share of cases.
import fc from 'fast-check';
import { randomModel } from '../../../../src/engine/random-model';
import type { FixedPointSpec, Model } from '../../../../src/engine/types';

export const wideSpecArb: fc.Arbitrary<FixedPointSpec> = fc
  .record({
    // Q0.7 half the time: the only format where h (|h| <= 1) can round past the code range.
    fracBits: fc.oneof(fc.constant(7), fc.integer({ min: 0, max: 7 })),
    weightBits: fc.constantFrom(8 as const, 16 as const),
    weightFracShare: fc.double({ min: 0, max: 1, noNaN: true }),
    accumulatorBits: fc.integer({ min: 16, max: 32 }),
    /** Fine weights into the narrowest accumulators: they saturate often. */
    loud: fc.boolean(),
    rounding: fc.constantFrom('nearest' as const, 'floor' as const),
    gateFrac: fc.integer({ min: 1, max: 16 }),
    tableInputFrac: fc.integer({ min: 0, max: 10 }),
    tableInputRange: fc.constantFrom(1, 2, 4, 8, 16),
  })
  .map((r) => ({
    activation: { intBits: 7 - r.fracBits, fracBits: r.fracBits },
    weightBits: r.weightBits,
    weightFrac: r.loud ? r.weightBits - 1 : Math.round(r.weightFracShare * (r.weightBits - 1)),
    accumulatorBits: r.loud ? 16 : r.accumulatorBits,
    rounding: r.rounding,
    gateFrac: r.gateFrac,
    tableInputFrac: r.tableInputFrac,
    tableInputRange: r.tableInputRange,
  }));

/**
 * The formats of the shipped digits, connected-digits and driving models and the benchmarks' random
 * ones ('nearest', gateFrac 8: the kernels' specialized gate paths), and one next to them that takes
 * the generic path, with accumulator widths from saturating to 32 bits: the generic arbitrary above
 * rarely draws them.
 */
export const shippedSpecArb: fc.Arbitrary<FixedPointSpec> = fc
  .record({
    format: fc.constantFrom(
      { fracBits: 4, weightBits: 16 as const, weightFrac: 14 },
      { fracBits: 4, weightBits: 16 as const, weightFrac: 15 },
      { fracBits: 5, weightBits: 16 as const, weightFrac: 15 },
      { fracBits: 4, weightBits: 8 as const, weightFrac: 6 },
    ),
    accumulatorBits: fc.oneof(fc.constant(32), fc.integer({ min: 16, max: 32 })),
  })
  .map(({ format: f, accumulatorBits }) => ({
    activation: { intBits: 7 - f.fracBits, fracBits: f.fracBits },
    weightBits: f.weightBits,
    weightFrac: f.weightFrac,
    accumulatorBits,
    rounding: 'nearest' as const,
    gateFrac: 8,
    tableInputFrac: 8,
    tableInputRange: 8,
  }));

export interface WideCase {
  model: Model;
  steps: number;
  codes: Int8Array;
  thetaX: number[];
  thetaH: number[];
}

/** Shapes that cross the kernels' padding (I to 4 lanes, H to 8 rows) and 1-3 layers. */
export function wideCaseArb(maxSteps = 30, specArb = wideSpecArb): fc.Arbitrary<WideCase> {
  return fc
    .record({
      inputSize: fc.integer({ min: 1, max: 13 }),
      hiddenSizes: fc.array(fc.integer({ min: 1, max: 21 }), { minLength: 1, maxLength: 3 }),
      outputs: fc.integer({ min: 1, max: 4 }),
      readout: fc.constantFrom('linear' as const, 'mlp' as const),
      gain: fc.double({ min: 0.2, max: 12, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1e9 }),
      spec: specArb,
      steps: fc.integer({ min: 0, max: maxSteps }),
      inputSeed: fc.integer({ min: 0, max: 1e9 }),
      walk: fc.boolean(),
      theta: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 6, maxLength: 6 }),
      thetaScale: fc.constantFrom(0, 1, 4, 300),
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
        const v = r.walk ? prev + Math.round((next() - 0.5) * 16) : Math.floor(next() * 256) - 128;
        codes[k] = Math.max(-128, Math.min(127, v));
      }
      const L = r.hiddenSizes.length;
      // Mostly small thresholds (where firing is mixed), sometimes past 255 (never fires).
      const th = r.theta.map((t) => Math.min(t, r.thetaScale));
      return {
        model,
        steps: r.steps,
        codes,
        thetaX: th.slice(0, L),
        thetaH: th.slice(3, 3 + L),
      };
    });
}

// Float features to Q2.5 codes: LSB 1/32, half rounds up (nearest) or down (floor), clamps counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Q2_5, quantizeFeatures } from '../../../src/engine/cnn';
import type { SatCounter } from '../../../src/engine/fixed';

function q(values: number[], rounding: 'nearest' | 'floor' = 'nearest'): { codes: number[]; sat: number } {
  const out = new Int8Array(values.length);
  const sat: SatCounter = { count: 0 };
  quantizeFeatures(values, Q2_5, rounding, out, sat);
  return { codes: Array.from(out), sat: sat.count };
}

describe('Q2.5 feature quantization', () => {
  it('rounds to 1/32 steps, halves up', () => {
    expect(q([0, 1 / 32, 1 / 64, -1 / 64, 3 / 64, -3 / 64, 1.5]).codes).toEqual([0, 1, 1, 0, 2, -1, 48]);
  });

  it('floor truncates toward −∞', () => {
    expect(q([1 / 64, -1 / 64, 0.99 / 32], 'floor').codes).toEqual([0, -1, 0]);
  });

  it('saturates at −4 and 3.96875 and counts only real clamps', () => {
    const r = q([3.96875, 3.98, 4, 100, -4, -4.05, -1e9]);
    expect(r.codes).toEqual([127, 127, 127, 127, -128, -128, -128]);
    expect(r.sat).toBe(4); // 3.98 -> 127.36 rounds to 127 and −4 is −128: no clamp
  });

  it('is within half an LSB inside the range, and monotone', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -4, max: 3.96875, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (v, d) => {
          const [a, b] = q([v, Math.min(3.96875, v + d)]).codes;
          expect(Math.abs(a / 32 - v)).toBeLessThanOrEqual(1 / 64);
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
      { seed: 25, numRuns: 500 },
    );
  });

  it('rejects a length mismatch and a format that is not 8-bit', () => {
    expect(() => quantizeFeatures([1, 2], Q2_5, 'nearest', new Int8Array(1))).toThrow(/room for 1/);
    expect(() => quantizeFeatures([1], { intBits: 3, fracBits: 5 }, 'nearest', new Int8Array(1))).toThrow(
      /not a signed 8-bit/,
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildTables,
  dequantize,
  lookup,
  quantize,
  roundTo,
  type SatCounter,
  saturate,
  sigmoid,
} from '../../../src/engine/fixed';
import { DEFAULT_FIXED_POINT } from '../../../src/engine/random-model';
import { specArb } from './helpers';

describe('rounding', () => {
  it('nearest rounds half up, floor truncates toward -Infinity', () => {
    expect([2.5, -2.5, 2.49, -2.51, 3].map((v) => roundTo(v, 'nearest'))).toEqual([3, -2, 2, -3, 3]);
    expect([2.5, -2.5, 2.99, -2.01, 3].map((v) => roundTo(v, 'floor'))).toEqual([2, -3, 2, -3, 3]);
  });
});

describe('saturation', () => {
  it('clamps to the signed range and counts every clamp', () => {
    const sat: SatCounter = { count: 0 };
    expect(saturate(127, 8, sat)).toBe(127);
    expect(saturate(-128, 8, sat)).toBe(-128);
    expect(sat.count).toBe(0);
    expect(saturate(128, 8, sat)).toBe(127);
    expect(saturate(-129, 8, sat)).toBe(-128);
    expect(saturate(40000, 16, sat)).toBe(32767);
    expect(sat.count).toBe(3);
  });
});

describe('quantize', () => {
  it('Q3.4 codes: steps of 1/16, range [-8, 7.9375]', () => {
    const sat: SatCounter = { count: 0 };
    expect(quantize(1.03, 4, 8, 'nearest', sat)).toBe(16);
    expect(quantize(1.04, 4, 8, 'nearest', sat)).toBe(17);
    expect(quantize(-0.03125, 4, 8, 'nearest', sat)).toBe(0);
    expect(quantize(-0.03125, 4, 8, 'floor', sat)).toBe(-1);
    expect(quantize(7.9375, 4, 8, 'nearest', sat)).toBe(127);
    expect(sat.count).toBe(0);
    expect(quantize(9, 4, 8, 'nearest', sat)).toBe(127);
    expect(quantize(-8.1, 4, 8, 'nearest', sat)).toBe(-128);
    expect(sat.count).toBe(2);
  });

  it('in range, the error is at most half a step (nearest) or under one step (floor)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8 * 4096, max: 8 * 4096 }), fc.integer({ min: 0, max: 7 }), (n12, f) => {
        const v = n12 / 4096;
        const step = 2 ** -f;
        const lo = -128 * step;
        const hi = 127 * step;
        fc.pre(v >= lo && v <= hi);
        const n = dequantize(quantize(v, f, 8, 'nearest'), f);
        const d = dequantize(quantize(v, f, 8, 'floor'), f);
        expect(Math.abs(n - v)).toBeLessThanOrEqual(step / 2);
        expect(v - d).toBeGreaterThanOrEqual(0);
        expect(v - d).toBeLessThan(step);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('gate tables', () => {
  it('every entry is within one output LSB of the exact function at its input', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const t = buildTables(spec);
        const one = 2 ** spec.gateFrac;
        expect(t.min).toBe(-spec.tableInputRange * 2 ** spec.tableInputFrac);
        let worst = 0;
        for (let k = t.min; k <= t.max; k++) {
          const v = k / 2 ** spec.tableInputFrac;
          worst = Math.max(worst, Math.abs(t.sigmoid[k - t.min] - sigmoid(v) * one));
          worst = Math.max(worst, Math.abs(t.tanh[k - t.min] - Math.tanh(v) * one));
        }
        expect(worst).toBeLessThanOrEqual(1);
      }),
      { seed: 42, numRuns: 20 },
    );
  });

  it('a lookup at any real input in the table range is within one output LSB (default format)', () => {
    const spec = DEFAULT_FIXED_POINT;
    const t = buildTables(spec);
    const lsb = 2 ** -spec.gateFrac;
    // Slopes: sigmoid <= 1/4, tanh <= 1; input rounding <= 1/512 here, output rounding <= 1/512.
    let worst = 0;
    for (let v = -spec.tableInputRange; v < spec.tableInputRange; v += 1 / 997) {
      worst = Math.max(worst, Math.abs(lookup(t, t.sigmoid, v, 'nearest') * lsb - sigmoid(v)));
      worst = Math.max(worst, Math.abs(lookup(t, t.tanh, v, 'nearest') * lsb - Math.tanh(v)));
    }
    expect(worst).toBeLessThanOrEqual(lsb);
    expect(worst).toBeGreaterThan(lsb / 4);
  });

  it('inputs beyond the range are clamped to the end entries', () => {
    const t = buildTables(DEFAULT_FIXED_POINT);
    expect(lookup(t, t.tanh, 100, 'nearest')).toBe(t.tanh[t.tanh.length - 1]);
    expect(lookup(t, t.sigmoid, -100, 'nearest')).toBe(0);
    expect(lookup(t, t.tanh, -100, 'nearest')).toBe(-256);
  });
});

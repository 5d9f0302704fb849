// Frame-to-frame changes: the definition element by element, the counts against Θ, monotone in Θ.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameChanges } from '../../../src/engine/features/frame-changes';

const framesArb = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 12 }))
  .chain(([n, t]) => fc.tuple(fc.constant(n), fc.int8Array({ minLength: n * t, maxLength: n * t })));

describe('frameChanges', () => {
  it('is |x_t − x_{t−1}| (frame 0 against zero) and counts the changes between frames', () => {
    fc.assert(
      fc.property(framesArb, fc.integer({ min: 0, max: 255 }), ([n, x], theta) => {
        const r = frameChanges(x, n, theta);
        let within = 0;
        let zero = 0;
        for (let i = 0; i < x.length; i++) {
          const d = Math.abs(x[i] - (i < n ? 0 : x[i - n]));
          expect(r.changes[i]).toBe(d);
          if (i >= n && d <= theta) within++;
          if (i >= n && d === 0) zero++;
        }
        expect(r.between).toBe(Math.max(0, x.length - n));
        expect(r.withinTheta).toBe(within);
        expect(r.unchanged).toBe(zero);
        expect(r.unchanged).toBeLessThanOrEqual(r.withinTheta);
        expect(r.withinShare).toBeCloseTo(r.between ? within / r.between : 0, 12);
        expect(r.unchangedShare).toBeCloseTo(r.between ? zero / r.between : 0, 12);
      }),
      { seed: 31, numRuns: 300 },
    );
  });

  it('counts more changes within a larger Θ, and all of them at Θ = 255', () => {
    fc.assert(
      fc.property(framesArb, fc.integer({ min: 0, max: 254 }), ([n, x], theta) => {
        expect(frameChanges(x, n, theta + 1).withinTheta).toBeGreaterThanOrEqual(
          frameChanges(x, n, theta).withinTheta,
        );
        const all = frameChanges(x, n, 255);
        expect(all.withinTheta).toBe(all.between);
      }),
      { seed: 32, numRuns: 200 },
    );
  });

  it('holds the largest change, 255, and refuses ragged frames', () => {
    expect(Array.from(frameChanges(Int8Array.from([-128, 127]), 1, 0).changes)).toEqual([128, 255]);
    expect(() => frameChanges(new Int8Array(5), 2, 0)).toThrow(RangeError);
    expect(() => frameChanges(new Int8Array(4), 0, 0)).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveCursor } from '../../../app/charts/chart-cursor';

const xs = [[1, 2, 4, 8], [], [1.5, 3, 9]];

describe('moveCursor', () => {
  it('starts on the given series and walks along it, clamped at the ends', () => {
    expect(moveCursor(xs, null, 'ArrowRight', 2)).toEqual({ series: 2, point: 0 });
    expect(moveCursor(xs, { series: 0, point: 3 }, 'ArrowRight')).toEqual({ series: 0, point: 3 });
    expect(moveCursor(xs, { series: 0, point: 0 }, 'ArrowLeft')).toEqual({ series: 0, point: 0 });
    expect(moveCursor(xs, { series: 0, point: 1 }, 'End')).toEqual({ series: 0, point: 3 });
  });

  it('changes curve with up and down, skipping empty ones, to the nearest point in x', () => {
    expect(moveCursor(xs, { series: 0, point: 3 }, 'ArrowDown')).toEqual({ series: 2, point: 2 });
    expect(moveCursor(xs, { series: 2, point: 1 }, 'ArrowDown')).toEqual({ series: 0, point: 1 });
    expect(moveCursor(xs, { series: 0, point: 2 }, 'ArrowUp')).toEqual({ series: 2, point: 1 });
  });

  it('ignores other keys and charts without points', () => {
    expect(moveCursor(xs, null, 'Enter')).toBeUndefined();
    expect(moveCursor([[], []], null, 'ArrowRight')).toBeUndefined();
  });

  it('always lands on an existing point (property)', () => {
    const keys = fc.constantFrom('ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End');
    const series = fc.array(fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { maxLength: 6 }), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(series, fc.array(keys, { maxLength: 20 }), (s, ks) => {
        let cur = null;
        for (const k of ks) {
          const next = moveCursor(s, cur, k);
          if (next === undefined) {
            expect(s.every((v) => v.length === 0)).toBe(true);
            continue;
          }
          expect(next.point).toBeGreaterThanOrEqual(0);
          expect(next.point).toBeLessThan(s[next.series].length);
          cur = next;
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countErrors, editDistance, errorRate } from '../../../src/engine/ctc/index';

const seq = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 7 });

/** Distance by exhaustive recursion: the definition, for checking the dynamic programme. */
function slow(a: number[], b: number[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const sub = slow(a.slice(1), b.slice(1)) + (a[0] === b[0] ? 0 : 1);
  return Math.min(sub, slow(a.slice(1), b) + 1, slow(a, b.slice(1)) + 1);
}

describe('editDistance', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(editDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(editDistance([1, 2, 3], [1, 3])).toBe(1);
    expect(editDistance([1, 2, 3], [1, 4, 2, 3])).toBe(1);
    expect(editDistance([1, 2, 3], [3, 2, 1])).toBe(2);
    expect(editDistance([], [5, 5])).toBe(2);
  });

  it('equals the recursive definition and is a metric', () => {
    fc.assert(
      fc.property(seq, seq, seq, (a, b, c) => {
        const d = editDistance(a, b);
        expect(d).toBe(slow(a, b));
        expect(d).toBe(editDistance(b, a));
        expect(d === 0).toBe(a.join() === b.join());
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(editDistance(a, c)).toBeLessThanOrEqual(d + editDistance(b, c));
      }),
      { seed: 1503, numRuns: 200 },
    );
  });
});

describe('errorRate', () => {
  it('sums edits over the set and divides by the summed reference length (as WER)', () => {
    const c = countErrors(
      [
        [1, 2],
        [3, 4, 5, 6],
      ],
      [[1], [3, 4, 5, 6]],
    );
    expect(c).toEqual({ edits: 1, refLength: 6 });
    expect(errorRate(c)).toBeCloseTo(1 / 6, 12);
    expect(errorRate({ edits: 0, refLength: 0 })).toBe(0);
    expect(errorRate({ edits: 2, refLength: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(() => countErrors([[1]], [])).toThrow(RangeError);
  });

  it('splitting the set and adding the counts gives the same rate', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(seq, seq), { minLength: 1, maxLength: 8 }), fc.nat(), (pairs, cut) => {
        const k = cut % (pairs.length + 1);
        const refs = pairs.map((p) => p[0]);
        const hyps = pairs.map((p) => p[1]);
        const whole = countErrors(refs, hyps);
        const a = countErrors(refs.slice(0, k), hyps.slice(0, k));
        const b = countErrors(refs.slice(k), hyps.slice(k));
        expect(whole).toEqual({ edits: a.edits + b.edits, refLength: a.refLength + b.refLength });
      }),
      { seed: 1504, numRuns: 100 },
    );
  });
});

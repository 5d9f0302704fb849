// The pool's small pieces: how ranges are split, what is transferred, how progress is throttled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { progressAggregator } from '../../../src/workers/progress';
import { splitRange } from '../../../src/workers/split';
import { transferablesOf } from '../../../src/workers/transferables';

describe('splitRange', () => {
  it('covers [from, to) with consecutive non-empty pieces of near-equal size', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(400), fc.integer({ min: 1, max: 8 }), (from, n, workers) => {
        const pieces = splitRange(from, from + n, workers);
        expect(pieces.length).toBe(Math.max(1, Math.min(workers, n)));
        expect(pieces[0][0]).toBe(from);
        expect(pieces[pieces.length - 1][1]).toBe(from + n);
        pieces.forEach(([a, b], k) => {
          if (k > 0) expect(a).toBe(pieces[k - 1][1]);
          if (n > 0) expect(b - a).toBeGreaterThanOrEqual(Math.floor(n / pieces.length));
          expect(b - a).toBeLessThanOrEqual(Math.ceil(n / pieces.length));
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('transferablesOf', () => {
  it('finds every typed array buffer once, nested in arrays and objects', () => {
    const a = new Float32Array(4);
    const b = new Uint32Array(2);
    const found = transferablesOf({
      x: a,
      list: [{ y: b, z: a.subarray(1) }],
      n: 3,
      s: 'text',
      empty: new Int8Array(0),
    });
    expect(new Set(found)).toEqual(new Set([a.buffer, b.buffer]));
    expect(found.length).toBe(2);
    expect(transferablesOf(7)).toEqual([]);
  });
});

describe('progressAggregator', () => {
  it('sums the parts, passes the first and the final report and drops bursts in between', () => {
    const seen: [number, number][] = [];
    const report = progressAggregator(2, 20, (d, t) => seen.push([d, t]));
    report(0, 3);
    report(1, 4);
    report(0, 10);
    report(1, 10);
    expect(seen).toEqual([
      [3, 20],
      [20, 20],
    ]);
  });
});

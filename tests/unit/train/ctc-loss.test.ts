// The CTC loss: its probability equals the brute-force sum over every frame path that collapses to
// the labels, and its gradient matches central finite differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyDecode } from '../../../src/engine/ctc/index';
import { ctcLoss, logSoftmax, minFrames } from '../../../tools/train/ctc/ctc-loss';

/** p(labels) by enumerating all C^T paths. */
function bruteForce(logits: number[], T: number, C: number, labels: number[], blank: number): number {
  const lp = new Float64Array(T * C);
  logSoftmax(logits, T, C, lp);
  let total = 0;
  const path = new Array<number>(T).fill(0);
  const visit = (t: number, logp: number) => {
    if (t === T) {
      const out = greedyDecode(path, blank);
      if (out.length === labels.length && out.every((v, k) => v === labels[k])) total += Math.exp(logp);
      return;
    }
    for (let c = 0; c < C; c++) {
      path[t] = c;
      visit(t + 1, logp + lp[t * C + c]);
    }
  };
  visit(0, 0);
  return total;
}

const tinyCase = fc
  .record({
    T: fc.integer({ min: 1, max: 6 }),
    C: fc.integer({ min: 2, max: 4 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
  })
  .chain(({ T, C }) =>
    fc.record({
      T: fc.constant(T),
      C: fc.constant(C),
      blank: fc.integer({ min: 0, max: C - 1 }),
      logits: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: T * C, maxLength: T * C }),
      raw: fc.array(fc.integer({ min: 0, max: C - 2 }), { maxLength: 4 }),
    }),
  )
  // Labels are the non-blank classes: shift the ones at or above the blank up by one.
  .map((c) => ({ ...c, labels: c.raw.map((v) => (v >= c.blank ? v + 1 : v)) }));

describe('ctcLoss', () => {
  it('equals −log of the brute-force sum over alignments (Infinity where none fits)', () => {
    fc.assert(
      fc.property(tinyCase, ({ T, C, blank, logits, labels }) => {
        const loss = ctcLoss(logits, T, C, labels, blank);
        const p = bruteForce(logits, T, C, labels, blank);
        if (T < minFrames(labels)) {
          expect(p).toBe(0);
          expect(loss).toBe(Number.POSITIVE_INFINITY);
        } else {
          expect(Math.exp(-loss)).toBeCloseTo(p, 12);
          expect(loss).toBeCloseTo(-Math.log(p), 9);
        }
      }),
      { seed: 1507, numRuns: 250 },
    );
  });

  it('has the gradient of central finite differences', () => {
    fc.assert(
      fc.property(tinyCase, ({ T, C, blank, logits, labels }) => {
        fc.pre(T >= minFrames(labels));
        const grad = new Float64Array(T * C);
        ctcLoss(logits, T, C, labels, blank, grad);
        const eps = 1e-5;
        for (let k = 0; k < T * C; k++) {
          const up = logits.slice();
          const down = logits.slice();
          up[k] += eps;
          down[k] -= eps;
          const fd = (ctcLoss(up, T, C, labels, blank) - ctcLoss(down, T, C, labels, blank)) / (2 * eps);
          expect(grad[k]).toBeCloseTo(fd, 6);
        }
        // The softmax makes every frame's gradient sum to zero.
        for (let t = 0; t < T; t++) {
          let s = 0;
          for (let c = 0; c < C; c++) s += grad[t * C + c];
          expect(s).toBeCloseTo(0, 12);
        }
      }),
      { seed: 1508, numRuns: 150 },
    );
  });

  it('stays finite on long sequences (log space) and falls as the right path gets likelier', () => {
    const T = 600;
    const C = 11;
    const labels = [3, 3, 1, 4, 1, 5, 9];
    const logits = new Float64Array(T * C);
    const loss0 = ctcLoss(logits, T, C, labels, 10);
    expect(Number.isFinite(loss0)).toBe(true);
    // Emit each label on a stretch of frames, blanks elsewhere.
    labels.forEach((l, k) => {
      for (let t = 50 + 80 * k; t < 60 + 80 * k; t++) logits[t * C + l] = 5;
    });
    for (let t = 0; t < T; t++)
      if (logits.subarray(t * C, t * C + C).every((v) => v === 0)) logits[t * C + 10] = 5;
    expect(ctcLoss(logits, T, C, labels, 10)).toBeLessThan(loss0 / 10);
  });
});

// Greedy CTC decoding frame by frame: collapse repeats, drop blanks, a blank separates equal labels;
// per-frame emissions collected over a sequence equal the whole-sequence rule (written here from
// its definition), and the emitting frame is the first frame of each run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmitter, labelsUpTo, transcribeFrames } from '../../../src/engine/transcribe';

/** The definition: collapse runs of equal labels, then remove blanks. */
function collapse(best: number[], blank: number): number[] {
  const out: number[] = [];
  best.forEach((b, t) => {
    if (b !== blank && (t === 0 || best[t - 1] !== b)) out.push(b);
  });
  return out;
}

describe('createEmitter', () => {
  it('decodes hand cases', () => {
    const run = (best: number[]) => {
      const e = createEmitter(10);
      return best.map((b) => e.push(b));
    };
    expect(run([10, 3, 3, 10, 3, 5, 5, 10])).toEqual([-1, 3, -1, -1, 3, 5, -1, -1]);
    expect(run([7, 7, 7])).toEqual([7, -1, -1]);
    expect(run([10, 10])).toEqual([-1, -1]);
  });

  it('reset forgets the previous frame', () => {
    const e = createEmitter(0);
    expect(e.push(4)).toBe(4);
    expect(e.push(4)).toBe(-1);
    e.reset();
    expect(e.push(4)).toBe(4);
  });

  it('collected emissions equal collapse-then-drop-blanks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.nat(5), { maxLength: 60 }), (outputs, raw) => {
        const blank = outputs - 1;
        const best = raw.map((v) => v % outputs);
        const e = createEmitter(blank);
        const got = best.map((b) => e.push(b)).filter((x) => x >= 0);
        expect(got).toEqual(collapse(best, blank));
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});

describe('transcribeFrames', () => {
  it('argmaxes each frame and decodes; labelsUpTo grows to the whole transcript', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 1e6 }),
        (outputs, steps, seed) => {
          let s = seed;
          const probs = Float32Array.from({ length: steps * outputs }, () => {
            s = (s * 1103515245 + 12345) % 2147483648;
            return s / 2147483648;
          });
          const blank = outputs - 1;
          const tr = transcribeFrames(probs, steps, outputs, blank);
          const best: number[] = [];
          for (let t = 0; t < steps; t++) {
            const row = Array.from(probs.subarray(t * outputs, (t + 1) * outputs));
            best.push(row.indexOf(Math.max(...row)));
          }
          expect(Array.from(tr.best)).toEqual(best);
          expect(tr.labels).toEqual(collapse(best, blank));
          let prev: number[] = [];
          for (let t = 0; t < steps; t++) {
            const now = labelsUpTo(tr, t);
            expect(now.slice(0, prev.length)).toEqual(prev);
            expect(now.length - prev.length).toBe(tr.emitted[t] >= 0 ? 1 : 0);
            prev = now;
          }
          expect(labelsUpTo(tr, steps)).toEqual(tr.labels);
        },
      ),
      { seed: 16, numRuns: 200 },
    );
  });

  it('refuses a blank that is not an output and too few values', () => {
    expect(() => transcribeFrames(new Float32Array(6), 2, 3, 3)).toThrow(RangeError);
    expect(() => transcribeFrames(new Float32Array(5), 2, 3, 2)).toThrow(RangeError);
  });
});

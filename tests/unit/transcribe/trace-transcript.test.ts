// A trace's transcript frame by frame: each frame's argmax, the label it emits, and all of them the
// greedy decoding of the whole sequence (written here from its definition too).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyDecode } from '../../../src/engine/ctc';
import { transcribeFrames } from '../../../src/engine/transcribe';

/** The definition: collapse runs of equal labels, then remove blanks. */
function collapse(best: number[], blank: number): number[] {
  const out: number[] = [];
  best.forEach((b, t) => {
    if (b !== blank && (t === 0 || best[t - 1] !== b)) out.push(b);
  });
  return out;
}

describe('transcribeFrames', () => {
  it('argmaxes each frame and decodes; each emitting frame emits its own argmax', () => {
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
          expect(tr.labels).toEqual(greedyDecode(best, blank));
          expect(Array.from(tr.emitted).filter((e) => e >= 0)).toEqual(tr.labels);
          tr.emitted.forEach((e, t) => {
            if (e >= 0) expect(e).toBe(best[t]);
          });
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

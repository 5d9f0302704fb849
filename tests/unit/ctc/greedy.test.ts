import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyDecode, greedyStream, rowArgmax } from '../../../src/engine/ctc/index';

const BLANK = 10;
const labelsArb = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 });

/** Frames that a CTC network could emit for `labels`: runs of each label, blanks where needed. */
const framesFor = (labels: number[], runs: number[], gaps: number[]): number[] => {
  const out: number[] = [];
  labels.forEach((l, k) => {
    const needBlank = k > 0 && labels[k - 1] === l;
    for (let g = 0; g < gaps[k] + (needBlank ? 1 : 0); g++) out.push(BLANK);
    for (let r = 0; r < runs[k]; r++) out.push(l);
  });
  for (let g = 0; g < gaps[labels.length]; g++) out.push(BLANK);
  return out;
};

const alignmentArb = labelsArb.chain((labels) =>
  fc.record({
    labels: fc.constant(labels),
    runs: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: labels.length, maxLength: labels.length }),
    gaps: fc.array(fc.integer({ min: 0, max: 3 }), {
      minLength: labels.length + 1,
      maxLength: labels.length + 1,
    }),
  }),
);

describe('greedyDecode', () => {
  it('collapses repeats and drops blanks; a blank keeps equal labels apart', () => {
    expect(greedyDecode([10, 1, 1, 10, 1, 2, 2, 10], BLANK)).toEqual([1, 1, 2]);
    expect(greedyDecode([3, 3, 3], BLANK)).toEqual([3]);
    expect(greedyDecode([], BLANK)).toEqual([]);
    expect(greedyDecode([10, 10], BLANK)).toEqual([]);
  });

  it('recovers the labels from any valid alignment of them', () => {
    fc.assert(
      fc.property(alignmentArb, ({ labels, runs, gaps }) => {
        expect(greedyDecode(framesFor(labels, runs, gaps), BLANK)).toEqual(labels);
      }),
      { seed: 1501, numRuns: 300 },
    );
  });

  it('never emits the blank or more labels than frames, and the stream form agrees', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 40 }), (frames) => {
        const out = greedyDecode(frames, BLANK);
        expect(out.includes(BLANK)).toBe(false);
        expect(out.length).toBeLessThanOrEqual(frames.length);
        const s = greedyStream(BLANK);
        const streamed = frames.map((c) => s.push(c)).filter((c) => c >= 0);
        expect(streamed).toEqual(out);
        s.reset();
        expect(frames.length === 0 || s.push(frames[0]) === (frames[0] === BLANK ? -1 : frames[0])).toBe(
          true,
        );
      }),
      { seed: 1502, numRuns: 300 },
    );
  });
});

describe('rowArgmax', () => {
  it('picks the largest value of the row, the first on ties', () => {
    const v = [0, 2, 1, 5, 5, -1];
    expect(rowArgmax(v, 0, 3)).toBe(1);
    expect(rowArgmax(v, 1, 3)).toBe(0);
  });
});

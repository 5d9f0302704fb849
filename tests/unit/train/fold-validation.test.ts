import { describe, expect, it } from 'vitest';
import { FOLD_CANDIDATES, type FoldResult, publishedFolds } from '../../../tools/train/fold-validation';
import { FULL } from '../../../tools/train/methods';

const result = (name: string, method: 'delta' | 'delta-l1', speedup: number): FoldResult => ({
  name,
  about: name,
  settings: {},
  method,
  epochs: [],
  choice: {
    thetaX: 7,
    thetaH: 6,
    reference: 0.969,
    drop: 0.01,
    valAccuracy: 0.961,
    valSpeedup: speedup,
    withinDrop: true,
    valCopies: [
      { id: 'band-limited', accuracy: 0.96 },
      { id: 'quieter', accuracy: 0.962 },
    ],
    folds: [
      { id: 'a', items: 600, reference: 0.97, valAccuracy: 0.96, valSpeedup: speedup },
      { id: 'b', items: 1800, reference: 0.97, valAccuracy: 0.96, valSpeedup: speedup },
    ],
  },
  at: [{ thetaX: 6, thetaH: 6, worst: 0.95, speedup: 9 }],
  finishedAt: '',
});

describe('fold-validation', () => {
  it('has exactly one candidate that is the shipped recipe, and unique names', () => {
    const shipped = FOLD_CANDIDATES.filter((c) =>
      Object.entries(c.hyper).every(([k, v]) => FULL[k as keyof typeof FULL] === v),
    );
    expect(shipped.map((c) => c.name)).toEqual(['lr3']);
    expect(new Set(FOLD_CANDIDATES.map((c) => c.name)).size).toBe(FOLD_CANDIDATES.length);
  });

  it('publishes in the candidates’ order, the shipped one marked, with the pooled takes and copies', () => {
    const v = publishedFolds(
      [result('lr3', 'delta-l1', 11), result('lr1', 'delta-l1', 7), result('lr1', 'delta', 6.9)],
      'lr3',
      'why',
    );
    expect(v.rows.map((r) => `${r.name} ${r.method}`)).toEqual(['lr1 delta', 'lr1 delta-l1', 'lr3 delta-l1']);
    expect(v.rows.map((r) => r.shipped)).toEqual([false, false, true]);
    expect(v.rows[2].choice).toEqual({
      thetaX: 7,
      thetaH: 6,
      withinDrop: true,
      speedup: 11,
      accuracy: 0.961,
    });
    expect(v.items).toBe(2400);
    expect(v.copies).toEqual(['band-limited', 'quieter']);
    expect(v.decision).toBe('why');
  });
});

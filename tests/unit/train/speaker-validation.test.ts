// What the nested speaker comparison publishes: means over seeds, and rows published earlier kept.
import { describe, expect, it } from 'vitest';
import { type CandidateResult, published } from '../../../tools/train/speaker-validation';

const result = (name: string, fixed: [number, number]): CandidateResult => ({
  name,
  about: `about ${name.split('#')[0]}`,
  settings: {},
  pairs: fixed.map((fixedAccuracy, i) => ({
    pair: i === 0 ? 'yweweler' : 'nicolas',
    trainSpeakers: ['lucas', 'theo'],
    bestEpoch: 1,
    epochsRun: 1,
    seconds: 1,
    valTakesAccuracy: 1,
    floatAccuracy: fixedAccuracy,
    fixedAccuracy,
    confusion: [],
    perEpoch: [],
  })),
  meanFixed: (fixed[0] + fixed[1]) / 2,
  finishedAt: '2026-12-03T00:00:00Z',
});

describe('published speaker comparison', () => {
  it('averages seeds, keeps earlier rows of candidates the store lacks, and marks the shipped one', () => {
    const earlier = [
      { name: 'a', about: 'stale a', seeds: [1], perPair: [0.1, 0.1], mean: 0.1, shipped: false },
      {
        name: 'old',
        about: 'from another store',
        seeds: [1, 2, 3],
        perPair: [0.8, 0.7],
        mean: 0.75,
        shipped: true,
      },
    ];
    const out = published([result('a', [0.9, 0.7]), result('a#2', [0.8, 0.6])], 'a', 'why', earlier);
    expect(out.decision).toBe('why');
    expect(out.rows.map((r) => r.name)).toEqual(['old', 'a']);
    const a = out.rows.find((r) => r.name === 'a')!;
    expect(a.seeds).toEqual([1, 2]);
    expect(a.perPair[0]).toBeCloseTo(0.85, 12);
    expect(a.mean).toBeCloseTo(0.75, 12);
    expect(a.about).toBe('about a');
    expect(out.rows.map((r) => r.shipped)).toEqual([false, true]);
    expect(published([result('b', [0.5, 0.5])], 'b').rows).toHaveLength(1);
  });
});

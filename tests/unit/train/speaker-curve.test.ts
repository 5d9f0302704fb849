// The speaker curve's choice of training speakers and its power-law fit (tools/train/speaker-curve.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobId, powerLaw, trainingSpeakers } from '../../../tools/train/speaker-curve';

const SIX = ['yweweler', 'george', 'theo', 'jackson', 'nicolas', 'lucas'];

describe('training speakers per held-out speaker and k', () => {
  it('never trains on the speaker left out, and uses every other speaker equally often at each k', () => {
    for (let k = 1; k < SIX.length; k++) {
      const uses = new Map<string, number>();
      for (const out of SIX) {
        const train = trainingSpeakers(SIX, out, k);
        expect(train).toHaveLength(k);
        expect(train).not.toContain(out);
        expect(new Set(train).size).toBe(k);
        for (const s of train) uses.set(s, (uses.get(s) ?? 0) + 1);
      }
      expect([...uses.values()]).toEqual(Array(SIX.length).fill(k));
    }
  });

  it('grows by one speaker as k grows, so k = 5 is the leave-one-speaker-out fold and its job', () => {
    const out = 'lucas';
    for (let k = 1; k < SIX.length - 1; k++) {
      const now = trainingSpeakers(SIX, out, k);
      expect(now.every((s) => trainingSpeakers(SIX, out, k + 1).includes(s))).toBe(true);
    }
    const all = trainingSpeakers(SIX, out, 5);
    expect(all).toEqual(SIX.filter((s) => s !== out).sort());
    expect(jobId(out, 5, 6, all)).toBe('dense@lucas');
    expect(jobId(out, 2, 6, ['nicolas', 'theo'])).toBe('dense@lucas~nicolas+theo');
  });

  it('rejects an unknown speaker and k outside 1..n-1', () => {
    expect(() => trainingSpeakers(SIX, 'alice', 2)).toThrow(/unknown speaker/);
    expect(() => trainingSpeakers(SIX, 'theo', 0)).toThrow(/k must be/);
    expect(() => trainingSpeakers(SIX, 'theo', 6)).toThrow(/k must be/);
  });
});

describe('power-law fit of the error against k', () => {
  it('recovers an exact power law and where it meets the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 0, noNaN: true }),
        fc.double({ min: -1.5, max: -0.05, noNaN: true }),
        fc.double({ min: 0.01, max: 0.2, noNaN: true }),
        (a, b, target) => {
          const pts = [2, 3, 4, 5].map((k) => ({ k, error: Math.exp(a + b * Math.log(k)) }));
          const f = powerLaw(pts, target);
          expect(f.a).toBeCloseTo(a, 9);
          expect(f.b).toBeCloseTo(b, 9);
          expect(Math.log(f.kAtTarget!)).toBeCloseTo((Math.log(target) - a) / b, 6);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('gives no count of speakers when the error does not fall with k', () => {
    expect(
      powerLaw(
        [2, 3, 4].map((k) => ({ k, error: 0.2 })),
        0.05,
      ).kAtTarget,
    ).toBeNull();
    expect(
      powerLaw(
        [2, 3, 4].map((k) => ({ k, error: 0.1 * k })),
        0.05,
      ).kAtTarget,
    ).toBeNull();
  });
});

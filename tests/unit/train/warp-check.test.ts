// The warp check's spec scaling, its ways of choosing α, and its RESULTS.md section.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseSpec } from '../../../tools/train/dataset';
import { FULL } from '../../../tools/train/methods';
import { ALPHAS, type WarpItem, warpedSpec, warpScores } from '../../../tools/train/warp-check';
import { type WarpCheck, type WarpScores, warpSection } from '../../../tools/train/warp-section';

describe('warped spec', () => {
  const spec = baseSpec(FULL);

  it('scales both band edges by α and changes nothing else; α = 1 is the spec itself', () => {
    expect(warpedSpec(spec, 1)).toEqual(spec);
    const w = warpedSpec(spec, 0.9);
    expect(w.fmin).toBeCloseTo(spec.fmin * 0.9, 9);
    expect(w.fmax).toBeCloseTo(spec.fmax * 0.9, 9);
    expect({ ...w, fmin: 0, fmax: 0 }).toEqual({ ...spec, fmin: 0, fmax: 0 });
  });

  it('keeps the top edge below Nyquist at every α tried', () => {
    for (const a of ALPHAS) expect(warpedSpec(spec, a).fmax).toBeLessThan(spec.sampleRate / 2);
    expect(ALPHAS).toContain(1);
  });
});

describe('choosing α', () => {
  const run = (prediction: number, confidence: number) => ({ prediction, confidence });

  it('follows the confidence per recording and per voice, and the labels only in the ceilings', () => {
    const items: WarpItem[] = [
      // Voice a: α index 1 is right and confident for both recordings.
      { voice: 'a', digit: 3, runs: [run(5, 0.6), run(3, 0.9)] },
      { voice: 'a', digit: 4, runs: [run(4, 0.5), run(4, 0.8)] },
      // Voice b: the confident α is wrong; the unconfident one is right.
      { voice: 'b', digit: 1, runs: [run(1, 0.4), run(2, 0.95)] },
      { voice: 'b', digit: 2, runs: [run(7, 0.3), run(9, 0.35)] },
    ];
    const s = warpScores(items, 0);
    expect(s.fixed).toEqual([0.5, 0.5]);
    expect(s.unwarped).toBe(0.5);
    expect(s.perRecording).toBe(0.5); // a: both right at α1; b: the first wrong at α1, the second wrong anyway
    expect(s.perVoice).toBe(0.5);
    expect(s.oracleVoice).toBe(0.75); // a at α1 (2 right), b at α0 (1 right)
    expect(s.oracleAny).toBe(0.75);
  });

  it('never lets a choice beat its ceiling, and α = 1 is the fixed column it names', () => {
    const item = fc.record({
      voice: fc.constantFrom('a', 'b', 'c'),
      digit: fc.integer({ min: 0, max: 2 }),
      runs: fc.array(
        fc.record({
          prediction: fc.integer({ min: 0, max: 2 }),
          confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: 3, maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 2 }),
        (items, base) => {
          const s = warpScores(items, base);
          expect(s.unwarped).toBe(s.fixed[base]);
          for (const v of [s.unwarped, s.perRecording, s.perVoice, s.oracleVoice, ...s.fixed]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(s.oracleAny);
          }
          expect(s.perVoice).toBeLessThanOrEqual(s.oracleVoice);
          for (const v of s.fixed) expect(v).toBeLessThanOrEqual(s.oracleVoice);
        },
      ),
      { seed: 23, numRuns: 300 },
    );
  });

  it('refuses no recordings and recordings scored at different numbers of α', () => {
    expect(() => warpScores([], 0)).toThrow(/no recordings/);
    expect(() =>
      warpScores(
        [
          { voice: 'a', digit: 0, runs: [run(0, 1)] },
          { voice: 'a', digit: 0, runs: [run(0, 1), run(0, 1)] },
        ],
        0,
      ),
    ).toThrow(/every α/);
  });
});

describe('RESULTS.md section', () => {
  const scores = (base: number, any: number): WarpScores => ({
    fixed: [base - 0.1, base],
    unwarped: base,
    perRecording: base + 0.02,
    perVoice: base + 0.01,
    oracleVoice: base + 0.03,
    oracleAny: any,
  });
  const check = (any: number): WarpCheck => ({
    command: 'npx tsx tools/train/warp-check.ts',
    finishedAt: '2026-12-03T06:00:00Z',
    seconds: 240,
    alphas: [0.9, 1],
    synthVoices: 40,
    folds: [
      { heldOut: 'george', speaker: scores(0.7, any), synth: scores(0.6, any) },
      { heldOut: 'theo', speaker: scores(0.9, any), synth: scores(0.7, any) },
    ],
  });

  const section = (any: number) => {
    const L: string[] = [];
    warpSection(L, check(any));
    return L.join('\n');
  };

  it('prints each way of choosing per speaker, the means, and whether even the ceiling meets the targets', () => {
    const md = section(0.85);
    expect(md).toContain('| α chosen | george | theo | mean | synthesized voices |');
    expect(md).toContain('| α = 1 (the features the lab computes) | 70.0% | 90.0% | 80.0% | 65.0% |');
    expect(md).toContain('| ceiling: right at any α (reads the labels) | 85.0% | 85.0% | 85.0% | 85.0% |');
    expect(md).toContain('per voice the warp changes the mean on the speaker left out by +1.0 points');
    expect(md).toContain('(target ≥ 95%: NOT met)');
    expect(md).toContain('not a vocal-tract length that a warp in this range could undo');
  });

  it('says met, and draws no conclusion about vocal-tract length, when the ceiling reaches the targets', () => {
    const md = section(0.96);
    expect(md).toContain('(target ≥ 95%: met)');
    expect(md).toContain('(target ≥ 90%: met)');
    expect(md).not.toContain('could undo');
  });
});

// Connected-digit data: strings are deterministic from the seed, one speaker each, 2-7 digits, and
// each split draws only from its own takes (test strings only from takes 0-4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/random';
import { buildSplit } from '../../../tools/train/ctc/data';
import {
  COMPOSE,
  clipPool,
  composeLong,
  composeString,
  type DigitClip,
} from '../../../tools/train/ctc/strings';

const SPEAKERS = ['ann', 'bob'];

/** Tone clips standing in for recordings: pitch by digit, length by take. */
function fakeClips(takes: number): DigitClip[] {
  const clips: DigitClip[] = [];
  for (const speaker of SPEAKERS)
    for (let digit = 0; digit < 10; digit++)
      for (let take = 0; take < takes; take++) {
        const n = 800 + 40 * take + 17 * digit;
        const f = 200 + 30 * digit + (speaker === 'bob' ? 7 : 0);
        clips.push({
          id: `${digit}_${speaker}_${take}`,
          digit,
          speaker,
          take,
          audio: Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / 8000)),
        });
      }
  return clips;
}

const clips = fakeClips(12);
const pool = clipPool(clips);
const byId = new Map(clips.map((c) => [c.id, c]));

describe('composeString', () => {
  it('is a function of the seed: same seed, same string; and each string is one speaker saying its labels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
        const a = composeString(pool, mulberry32(seed), COMPOSE, 's');
        const b = composeString(pool, mulberry32(seed), COMPOSE, 's');
        expect(b).toEqual(a);
        expect(a.labels.length).toBeGreaterThanOrEqual(2);
        expect(a.labels.length).toBeLessThanOrEqual(7);
        const used = a.clips.map((id) => byId.get(id)!);
        expect(used.map((c) => c.digit)).toEqual(a.labels);
        expect(new Set(used.map((c) => c.speaker))).toEqual(new Set([a.speaker]));
        const speech = used.reduce((n, c) => n + c.audio.length, 0);
        // Edges alone are at least 2 * 0.05 s; pauses at most 0.45 s per join.
        expect(a.audio.length).toBeGreaterThanOrEqual(speech + 2 * 0.05 * COMPOSE.rate - 2);
        expect(a.audio.length).toBeLessThanOrEqual(
          speech + (2 * 0.3 + 0.45 * (a.labels.length - 1)) * COMPOSE.rate + 2,
        );
        expect(a.audio.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThanOrEqual(1);
      }),
      { seed: 1509, numRuns: 40 },
    );
  });

  it('varies with the seed, and some joins have no pause at all', () => {
    const strings = Array.from({ length: 40 }, (_, k) => composeString(pool, mulberry32(k), COMPOSE, 's'));
    expect(new Set(strings.map((s) => s.labels.join(''))).size).toBeGreaterThan(30);
    const noPause = strings.filter((s) => {
      const speech = s.clips.reduce((n, id) => n + byId.get(id)!.audio.length, 0);
      return s.audio.length - speech < (2 * 0.3 + 0.03) * COMPOSE.rate;
    });
    expect(noPause.length).toBeGreaterThan(0);
  });

  it('long recordings hold several strings of one speaker with silences between', () => {
    const long = composeLong(pool, mulberry32(3), COMPOSE, 'l', 4, [1, 3]);
    const used = long.clips.map((id) => byId.get(id)!);
    expect(used.map((c) => c.digit)).toEqual(long.labels);
    expect(long.labels.length).toBeGreaterThanOrEqual(8);
    expect(long.audio.length).toBeGreaterThan(5 * COMPOSE.rate);
  });
});

describe('buildSplit', () => {
  const sizes = { train: 6, val: 3, test: 3, long: 1, longStrings: 2, foldTrain: 4, foldTest: 3 };
  const takes = {
    train: [10, 11] as [number, number],
    val: [5, 9] as [number, number],
    test: [0, 4] as [number, number],
  };
  const split = (seed: number) =>
    buildSplit(
      clips,
      takes,
      () => true,
      (c) => c.take <= 4,
      sizes,
      sizes.test,
      8,
      seed,
      '',
    );

  it('draws each split from its own takes and is deterministic', () => {
    const a = split(1);
    const takeOf = (id: string) => byId.get(id)!.take;
    for (const e of a.train) for (const id of e.clips) expect(takeOf(id)).toBeGreaterThanOrEqual(10);
    for (const e of a.val) for (const id of e.clips) expect([5, 6, 7, 8, 9]).toContain(takeOf(id));
    for (const e of [...a.test, ...a.long])
      for (const id of e.clips) expect(takeOf(id)).toBeLessThanOrEqual(4);
    const b = split(1);
    expect(b.spec).toEqual(a.spec);
    expect(b.test.map((e) => Array.from(e.codes))).toEqual(a.test.map((e) => Array.from(e.codes)));
    expect(split(2).train[0].clips).not.toEqual(a.train[0].clips);
    // Features: T x bands codes, normalised on the training strings.
    expect(a.train[0].codes.length).toBe(a.train[0].length * 8);
    expect(a.spec.mean).toHaveLength(8);
    // Frame classes (the auxiliary alignment hint): blank outside digits, the string's digits inside.
    for (const e of a.train) {
      expect(e.frameLabels).toHaveLength(e.length);
      const inside = new Set(Array.from(e.frameLabels).filter((c) => c !== 10));
      expect([...inside].every((c) => e.labels.includes(c))).toBe(true);
      expect(inside.size).toBe(new Set(e.labels).size);
      expect(e.frameLabels[0]).toBe(10);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/random';
import {
  AUGMENT,
  addNoise,
  augment,
  bandPass,
  reverb,
  speedChange,
  timeStretch,
} from '../../../tools/train/augment';

const RATE = 8000;
const tone = (hz: number, n: number, amp = 0.5) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / RATE));
const rms = (x: Float32Array, from = 0, to = x.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / (to - from));
};
/** Zero crossings per second of the middle of x: twice the frequency of a tone. */
const crossingsHz = (x: Float32Array) => {
  let c = 0;
  const [a, b] = [Math.floor(x.length / 4), Math.floor((3 * x.length) / 4)];
  for (let i = a + 1; i < b; i++) if (x[i - 1] < 0 !== x[i] < 0) c++;
  return (c / 2) * (RATE / (b - a));
};

describe('waveform augmentation', () => {
  it('speed change shortens and raises a tone by the factor', () => {
    const y = speedChange(tone(500, 8000), RATE, 1.25);
    expect(y.length).toBe(6400);
    expect(crossingsHz(y)).toBeCloseTo(625, -1);
  });

  it('time stretch keeps the pitch and gives the length asked for', () => {
    for (const factor of [0.8, 1.25]) {
      const n = Math.round(8000 * factor);
      const y = timeStretch(tone(400, 8000), RATE, n);
      expect(y.length).toBe(n);
      expect(crossingsHz(y)).toBeCloseTo(400, -1);
      expect(rms(y, 1000, n - 1000)).toBeCloseTo(0.5 / Math.SQRT2, 1);
    }
  });

  it('band-pass keeps the telephone band and removes what lies outside it', () => {
    expect(rms(bandPass(tone(1000, 8000), RATE, 300, 3400), 2000)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    expect(rms(bandPass(tone(80, 8000), RATE, 300, 3400), 2000)).toBeLessThan(0.01);
    expect(rms(bandPass(tone(3900, 8000), RATE, 300, 3400), 2000)).toBeLessThan(0.1);
  });

  it('adds noise at the signal-to-noise ratio asked for', () => {
    const x = tone(700, 8000);
    const y = addNoise(x, 20, mulberry32(1), false);
    const noise = y.map((v, i) => v - x[i]);
    expect(20 * Math.log10(rms(x) / rms(noise))).toBeCloseTo(20, 5);
  });

  it('reverb is a linear convolution: an impulse gives the room, delayed', () => {
    const impulse = new Float32Array(800);
    impulse[100] = 1;
    const a = reverb(impulse, RATE, 0.3, mulberry32(4));
    const b = reverb(
      new Float32Array(800).fill(0).map((_, i) => (i === 0 ? 1 : 0)),
      RATE,
      0.3,
      mulberry32(4),
    );
    // The same room (same seed) from an impulse at 0 and at 100: the outputs are shifted copies.
    for (let i = 0; i < 600; i++) expect(a[i + 100]).toBeCloseTo(b[i], 5);
    expect(a[100]).toBeCloseTo(1, 5);
    expect(a.length).toBe(800 + 800);
  });

  it('is seeded: the same seed gives the same variant, another seed another one, always in range', () => {
    const x = tone(300, 4000, 0.9);
    expect(Array.from(augment(x, RATE, AUGMENT, 5))).toEqual(Array.from(augment(x, RATE, AUGMENT, 5)));
    expect(Array.from(augment(x, RATE, AUGMENT, 6))).not.toEqual(Array.from(augment(x, RATE, AUGMENT, 5)));
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const y = augment(x, RATE, AUGMENT, seed);
        expect(y.length).toBeGreaterThan(3000);
        expect(y.every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
      }),
      { seed: 3, numRuns: 20 },
    );
  });
});

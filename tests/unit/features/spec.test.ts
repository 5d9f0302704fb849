import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkFeatureWork,
  FEATURE_LIMITS,
  FeatureSpecError,
  parseLogMelSpec,
} from '../../../src/engine/features/spec';

const good = {
  kind: 'logmel',
  sampleRate: 8000,
  windowLength: 200,
  hop: 80,
  fftSize: 256,
  bands: 2,
  fmin: 0,
  fmax: 4000,
  logFloor: 1e-6,
  mean: [0, 0],
  std: [1, 1],
  scale: 1,
  smoothing: 0,
  activation: { intBits: 3, fracBits: 4 },
};

describe('parseLogMelSpec', () => {
  it('accepts a well-formed spec', () => {
    expect(parseLogMelSpec(good)).toEqual(good);
  });

  it.each([
    [{ ...good, fftSize: 200 }, 'power of two'],
    [{ ...good, fftSize: 128 }, 'at least windowLength'],
    [{ ...good, fmax: 5000 }, 'sampleRate / 2'],
    [{ ...good, std: [1] }, 'one value per band'],
    [{ ...good, std: [1, 0] }, 'std'],
    [{ kind: 'mfcc' }, 'kind'],
    // The extremes that once kept a worker busy for 15 s and reserved gigabytes.
    [{ ...good, sampleRate: 192_000, fmax: 4000 }, 'sampleRate'],
    [{ ...good, fftSize: 65_536 }, 'fftSize'],
    [{ ...good, hop: 1 }, 'hop: more than 1000 frames per second'],
    [
      { ...good, bands: 200, mean: Array(200).fill(0), std: Array(200).fill(1) },
      'bands: more bands than FFT bins',
    ],
    [
      { ...good, runningMean: { decay: 0.9, initial: [0] } },
      'runningMean.initial: runningMean.initial needs one value per band',
    ],
    [{ ...good, runningMean: { decay: 1, initial: [0, 0] } }, 'runningMean.decay'],
    [{ ...good, runningMean: { decay: 0.9, initial: [0, 0], anchor: 'first' } }, 'runningMean.anchor'],
    [{}, 'kind'],
  ])('names what is wrong', (spec, words) => {
    expect(() => parseLogMelSpec(spec)).toThrow(FeatureSpecError);
    expect(() => parseLogMelSpec(spec)).toThrow(words);
  });

  it('accepts a causal running mean, and a spec without one (models trained before it)', () => {
    const rm = { ...good, runningMean: { decay: 0.95, initial: [-3, -4] } };
    expect(parseLogMelSpec(rm)).toEqual(rm);
    expect(parseLogMelSpec(good).runningMean).toBeUndefined();
    // Models from before the anchor: no anchor field appears (their features stay the same).
    expect(parseLogMelSpec(rm).runningMean).not.toHaveProperty('anchor');
  });

  it('accepts each declared running-mean anchor', () => {
    for (const anchor of ['first-frame-level', 'first-frame']) {
      const rm = { ...good, runningMean: { decay: 0.95, initial: [-3, -4], anchor } };
      expect(parseLogMelSpec(rm)).toEqual(rm);
    }
  });

  it('either returns a spec or throws FeatureSpecError for any hostile object', () => {
    const field = fc.constantFrom(...Object.keys(good), 'runningMean');
    const hostile = fc.oneof(fc.jsonValue(), fc.constant(Number.NaN), fc.constant(-1), fc.constant(1e12));
    fc.assert(
      fc.property(fc.dictionary(field, hostile), (patch) => {
        try {
          const spec = parseLogMelSpec({ ...good, ...patch });
          expect(spec.fftSize).toBeGreaterThanOrEqual(spec.windowLength);
          expect(spec.mean).toHaveLength(spec.bands);
        } catch (e) {
          expect(e).toBeInstanceOf(FeatureSpecError);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('bounds the work of every spec it accepts, whatever the recording length', () => {
    fc.assert(
      fc.property(
        fc.record({
          sampleRate: fc.integer({ min: 4000, max: 48_000 }),
          log2Fft: fc.integer({ min: 4, max: 13 }),
          hop: fc.integer({ min: 1, max: 8192 }),
          seconds: fc.double({ min: 0, max: 600, noNaN: true }),
        }),
        ({ sampleRate, log2Fft, hop, seconds }) => {
          const fftSize = 2 ** log2Fft;
          const spec = {
            ...good,
            sampleRate,
            fftSize,
            windowLength: Math.min(200, fftSize),
            hop,
            fmax: sampleRate / 2,
          };
          let parsed: ReturnType<typeof parseLogMelSpec>;
          try {
            parsed = parseLogMelSpec(spec);
          } catch (e) {
            expect(e).toBeInstanceOf(FeatureSpecError);
            return;
          }
          const work = ((seconds * parsed.sampleRate) / parsed.hop) * parsed.fftSize * log2Fft;
          try {
            checkFeatureWork(seconds, parsed);
            expect(work).toBeLessThanOrEqual(FEATURE_LIMITS.maxWork * 1.000001);
          } catch (e) {
            expect(e).toBeInstanceOf(FeatureSpecError);
            expect((e as Error).message).toContain('duration');
            expect(work).toBeGreaterThan(FEATURE_LIMITS.maxWork * 0.999999);
          }
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });

  it('lets the digits features take the longest recording the lab accepts', () => {
    const digits = { ...good, sampleRate: 8000, windowLength: 200, hop: 80, fftSize: 256 };
    expect(() => checkFeatureWork(600, parseLogMelSpec(digits))).not.toThrow();
  });
});

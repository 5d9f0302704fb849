import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureSpecError, parseLogMelSpec } from '../../../src/engine/features/spec';

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
    [{}, 'kind'],
  ])('names what is wrong', (spec, words) => {
    expect(() => parseLogMelSpec(spec)).toThrow(FeatureSpecError);
    expect(() => parseLogMelSpec(spec)).toThrow(words);
  });

  it('either returns a spec or throws FeatureSpecError for any hostile object', () => {
    const field = fc.constantFrom(...Object.keys(good));
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
});

// The WAV header is outside input: every field is bounded before a sample is decoded, and any bytes
// at all end in decoded samples or a WavError that says what is wrong, quickly and without a huge
// allocation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWav, readWavHeader, WAV_LIMITS, WavError } from '../../../src/data/wav';
import { wav } from './wav-craft';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WavError);
    return (e as Error).message;
  }
  throw new Error('expected a WavError');
}

describe('readWavHeader', () => {
  it('reads a plain 16-bit mono header', () => {
    expect(readWavHeader(wav())).toEqual({
      format: 1,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      blockAlign: 2,
      frames: 32,
      seconds: 32 / 8000,
    });
  });

  it.each([
    [{ rate: 0 }, 'sample rate: 0 Hz'],
    [{ rate: 1 }, 'sample rate: 1 Hz'],
    [{ rate: 10 }, 'sample rate: 10 Hz'],
    [{ rate: 2 ** 31 }, 'sample rate: 2147483648 Hz'],
    [{ rate: 2 ** 32 - 1 }, 'sample rate'],
    [{ channels: 0 }, 'channels: 0'],
    [{ channels: 65_535, blockAlign: 2 }, 'channels: 65535'],
    [{ bits: 12 }, 'bits per sample: 12'],
    [{ format: 3, bits: 16 }, 'bits per sample: 16, float'],
    [{ format: 2 }, 'audio format 2'],
    [{ blockAlign: 3 }, 'block align: 3'],
    [{ declaredData: 0xffffffff }, 'data chunk: declares 4294967295 bytes'],
    [{ dataBytes: 0 }, 'no samples'],
  ])('names the field of a hostile header %o', (fields, words) => {
    expect(message(() => readWavHeader(wav(fields)))).toContain(words);
  });

  it('refuses a recording longer than the limit from its header alone', () => {
    // 44.1 kHz stereo 16-bit: the data declared fits the bytes but lasts longer than maxSeconds.
    const seconds = WAV_LIMITS.maxSeconds + 1;
    const dataBytes = 2000 * 4 * seconds;
    expect(message(() => readWavHeader(wav({ rate: 2000, channels: 2, dataBytes })))).toContain('duration');
  });

  it('checks the size of the whole file first', () => {
    const big = new Uint8Array(WAV_LIMITS.maxFileBytes + 1);
    expect(message(() => readWavHeader(big))).toContain('file size');
  });

  it('walks past other chunks to fmt and data', () => {
    const plain = wav();
    const extra = new Uint8Array(plain.length + 10);
    extra.set(plain.subarray(0, 12));
    extra.set([0x4c, 0x49, 0x53, 0x54, 1, 0, 0, 0, 0x41, 0], 12); // 'LIST', 1 byte + pad
    extra.set(plain.subarray(12), 22);
    expect(readWavHeader(extra).frames).toBe(32);
  });
});

describe('decodeWav on any bytes', () => {
  /** Decodes or refuses; a case that ran away (a hang, a giant allocation) would take seconds. */
  const run = (bytes: Uint8Array) => {
    const t0 = performance.now();
    try {
      const d = decodeWav(bytes);
      expect(d.samples.length).toBeGreaterThan(0);
      expect(d.samples.length).toBeLessThanOrEqual(bytes.length);
    } catch (e) {
      expect(e).toBeInstanceOf(WavError);
    }
    expect(performance.now() - t0).toBeLessThan(1000);
  };

  it('random bytes, with and without a RIFF/WAVE signature', () => {
    const riff = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (tail, signed) => {
        const bytes = signed ? new Uint8Array([...riff, ...tail]) : tail;
        run(bytes);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('valid files with mutated header bytes, truncated anywhere', () => {
    const base = wav({ dataBytes: 400 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ at: fc.integer({ min: 0, max: 43 }), value: fc.integer({ min: 0, max: 255 }) }),
          {
            maxLength: 6,
          },
        ),
        fc.integer({ min: 0, max: base.length }),
        (mutations, cut) => {
          const bytes = base.slice(0, cut);
          for (const m of mutations) if (m.at < bytes.length) bytes[m.at] = m.value;
          run(bytes);
        },
      ),
      { seed: 12, numRuns: 3000 },
    );
  });

  it('absurd header fields', () => {
    const u32 = fc.oneof(
      fc.constantFrom(0, 1, 2, 10, 2 ** 31, 2 ** 32 - 1),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    );
    const u16 = fc.oneof(fc.constantFrom(0, 1, 3, 0xfffe, 0xffff), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(
        fc.record(
          { format: u16, channels: u16, rate: u32, bits: u16, blockAlign: u16, declaredData: u32 },
          { requiredKeys: [] },
        ),
        (fields) => {
          run(wav(fields));
        },
      ),
      { seed: 13, numRuns: 3000 },
    );
  });
});

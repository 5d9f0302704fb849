import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as wavefileModule from 'wavefile';
import { createResampler, decodeWav, resample, WavError, wavToMono } from '../../../src/data/wav';

type WaveFileClass = typeof wavefileModule.WaveFile;
const interop = wavefileModule as unknown as {
  WaveFile?: WaveFileClass;
  default?: { WaveFile?: WaveFileClass };
};
const WaveFile = (interop.WaveFile ?? interop.default?.WaveFile) as WaveFileClass;

function wavBytes(channels: number, rate: number, depth: string, samples: number[][]): Uint8Array {
  const w = new WaveFile();
  w.fromScratch(channels, rate, depth, channels === 1 ? samples[0] : samples);
  return w.toBuffer();
}

function tone(freq: number, rate: number, seconds: number, amp = 0.5): Float32Array {
  return Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate),
  );
}

/** RMS of the middle half, away from the filter's edge transients. */
function rms(x: Float32Array): number {
  const a = Math.floor(x.length / 4);
  const b = Math.floor((3 * x.length) / 4);
  let s = 0;
  for (let i = a; i < b; i++) s += x[i] * x[i];
  return Math.sqrt(s / (b - a));
}

describe('decodeWav', () => {
  const full: Record<string, number> = { '16': 32768, '24': 8388608, '32': 2147483648 };
  for (const depth of ['16', '24', '32']) {
    it(`normalises ${depth}-bit PCM to [-1, 1]`, () => {
      const s = full[depth];
      const d = decodeWav(wavBytes(1, 8000, depth, [[-s, 0, s / 2, s - 1]]));
      expect(d.sampleRate).toBe(8000);
      expect(d.bitDepth).toBe(depth);
      expect(Array.from(d.samples)).toEqual([-1, 0, 0.5, (s - 1) / s].map((v) => Math.fround(v)));
    });
  }

  it('reads unsigned 8-bit PCM around 128', () => {
    const d = decodeWav(wavBytes(1, 8000, '8', [[0, 128, 192, 255]]));
    expect(Array.from(d.samples)).toEqual([-1, 0, 0.5, 127 / 128].map((v) => Math.fround(v)));
  });

  for (const depth of ['32f', '64']) {
    it(`reads ${depth} float samples as they are`, () => {
      const d = decodeWav(wavBytes(1, 22050, depth, [[-0.25, 0, 0.75]]));
      expect(Array.from(d.samples)).toEqual([-0.25, 0, 0.75]);
      expect(d.sampleRate).toBe(22050);
    });
  }

  it('mixes stereo down to the mean of the channels', () => {
    const d = decodeWav(
      wavBytes(2, 8000, '16', [
        [16384, -16384, 0],
        [0, -16384, 8192],
      ]),
    );
    expect(d.channels).toBe(2);
    expect(Array.from(d.samples)).toEqual([0.25, -0.5, 0.125]);
  });

  it('rejects bytes that are not a WAV file', () => {
    expect(() => decodeWav(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(WavError);
  });
});

describe('resampling to the model rate', () => {
  it('keeps a tone below the new Nyquist frequency (16 kHz to 8 kHz)', () => {
    const out = resample(tone(1000, 16000, 1), 16000, 8000);
    expect(out.length).toBe(8000);
    expect(rms(out)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('removes a tone above the new Nyquist frequency instead of aliasing it (16 kHz to 8 kHz)', () => {
    const out = resample(tone(6000, 16000, 1), 16000, 8000);
    // Without the low-pass the 6 kHz tone would fold to 2 kHz at full level (rms 0.35).
    expect(20 * Math.log10(rms(out) / (0.5 / Math.SQRT2))).toBeLessThan(-40);
  });

  it('anti-aliases from 44.1 kHz too, and wavToMono runs the whole path', () => {
    const hi = tone(7000, 44100, 0.5);
    const lo = tone(440, 44100, 0.5);
    const toBytes = (x: Float32Array) => wavBytes(1, 44100, '32f', [Array.from(x)]);
    const alias = wavToMono(toBytes(hi), 8000);
    const kept = wavToMono(toBytes(lo), 8000);
    expect(alias.length).toBe(4000);
    expect(rms(alias)).toBeLessThan(0.01 * rms(kept));
    expect(rms(kept)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('returns a copy unchanged when the rate already matches', () => {
    const x = tone(300, 8000, 0.01);
    expect(Array.from(resample(x, 8000, 8000))).toEqual(Array.from(x));
  });
});

describe('resampling in slices', () => {
  it('gives exactly the whole-signal result however the output is cut into slices', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(4000, 11_025, 16_000, 22_050, 44_100, 48_000),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 }),
        (rate, cuts) => {
          const x = tone(523, rate, 0.05);
          const whole = resample(x, rate, 8000);
          const r = createResampler(x, rate, 8000);
          const sliced = new Float32Array(r.outputLength);
          let at = 0;
          for (let k = 0; at < r.outputLength; k++) {
            const next = Math.min(r.outputLength, at + cuts[k % cuts.length]);
            r.run(at, next, sliced);
            at = next;
          }
          expect(sliced).toEqual(whole);
        },
      ),
      { seed: 5, numRuns: 60 },
    );
  });
});

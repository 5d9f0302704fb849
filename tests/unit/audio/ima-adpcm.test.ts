// The IMA ADPCM codec of the packs' audio: stream lengths, any bytes decode to bounded samples, and
// speech-like signals come back close enough to hear (the quality the shipped pack was measured at).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adpcmBytes, decodeImaAdpcm, encodeImaAdpcm } from '../../../src/engine/audio/ima-adpcm';

/** Signal-to-noise ratio of `got` against `want`, in dB. */
function snrDb(want: Float32Array, got: Float32Array): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < want.length; i++) {
    s += want[i] ** 2;
    n += (want[i] - got[i]) ** 2;
  }
  return 10 * Math.log10(s / Math.max(n, 1e-30));
}

const tone = (hz: number, amp: number, rate: number) =>
  Float32Array.from({ length: rate }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));

describe('IMA ADPCM', () => {
  it('holds two samples a byte and decodes to the same count', () => {
    fc.assert(
      fc.property(fc.float32Array({ maxLength: 300, noNaN: true }), (x) => {
        const bytes = encodeImaAdpcm(x);
        expect(bytes.length).toBe(adpcmBytes(x.length));
        expect(decodeImaAdpcm(bytes, x.length).length).toBe(x.length);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('decodes any bytes to samples in [-1, 1]', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), (bytes, k) => {
        const count = bytes.length === 0 ? 0 : k % (2 * bytes.length + 1);
        for (const v of decodeImaAdpcm(bytes, count)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('refuses a count the bytes cannot hold', () => {
    expect(() => decodeImaAdpcm(new Uint8Array(3), 7)).toThrow(RangeError);
    expect(() => decodeImaAdpcm(new Uint8Array(3), -1)).toThrow(RangeError);
    expect(() => decodeImaAdpcm(new Uint8Array(3), 1.5)).toThrow(RangeError);
  });

  it('keeps tones at 8 kHz above the SNR IMA ADPCM is known for (falling with frequency)', () => {
    // After the first 100 ms, once the step size has adapted. The shipped test split measures 18.7 dB.
    const snr = (hz: number, amp: number) => {
      const x = tone(hz, amp, 8000);
      return snrDb(x.subarray(800), decodeImaAdpcm(encodeImaAdpcm(x), x.length).subarray(800));
    };
    expect(snr(300, 0.3)).toBeGreaterThan(30);
    expect(snr(300, 0.05)).toBeGreaterThan(30);
    expect(snr(1000, 0.3)).toBeGreaterThan(18);
    const dc = new Float32Array(2000).fill(0.3);
    const z = decodeImaAdpcm(encodeImaAdpcm(dc), dc.length);
    for (const v of z.subarray(200)) expect(Math.abs(v - 0.3)).toBeLessThan(0.01);
  });

  it('clips samples beyond full scale instead of wrapping', () => {
    const x = Float32Array.from({ length: 400 }, (_, i) => (i < 200 ? 3 : -3));
    const y = decodeImaAdpcm(encodeImaAdpcm(x), x.length);
    expect(y[190]).toBeGreaterThan(0.9);
    expect(y[399]).toBeLessThan(-0.9);
  });
});

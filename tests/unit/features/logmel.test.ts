import { describe, expect, it } from 'vitest';
import {
  frameCount,
  hzToMel,
  type LogMelSpec,
  logMelCodes,
  logMelEnergies,
  melFilterbank,
  melToHz,
  normaliseEnergies,
  quantizeCodes,
} from '../../../src/engine/features/logmel';

const spec = (over: Partial<LogMelSpec> = {}): LogMelSpec => ({
  kind: 'logmel',
  sampleRate: 8000,
  windowLength: 200,
  hop: 80,
  fftSize: 256,
  bands: 20,
  fmin: 50,
  fmax: 4000,
  logFloor: 1e-4,
  mean: new Array(over.bands ?? 20).fill(-5),
  std: new Array(over.bands ?? 20).fill(2),
  scale: 1,
  smoothing: 0,
  activation: { intBits: 3, fracBits: 4 },
  ...over,
});

const tone = (freq: number, n: number, amp = 0.5) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / 8000));

/** Centre frequency of each mel band, as melFilterbank places them. */
const centres = (s: LogMelSpec) =>
  Array.from({ length: s.bands }, (_, b) =>
    melToHz(hzToMel(s.fmin) + ((hzToMel(s.fmax) - hzToMel(s.fmin)) * (b + 1)) / (s.bands + 1)),
  );

describe('mel filterbank', () => {
  for (const bands of [12, 20, 32, 40]) {
    it(`has no empty filter at 8 kHz with ${bands} bands`, () => {
      const filters = melFilterbank(spec({ bands }));
      expect(filters).toHaveLength(bands);
      for (const f of filters) expect(f.weights.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    });
  }

  it('would have empty filters if the bands were too narrow for the FFT (the check can fail)', () => {
    const filters = melFilterbank(spec({ bands: 128, fmin: 0 }));
    expect(filters.some((f) => f.weights.length === 0)).toBe(true);
  });

  it('mel scale round-trips', () => {
    for (const hz of [0, 100, 1000, 3999]) expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 6);
  });
});

describe('log-mel energies', () => {
  const s = spec();
  for (const band of [2, 8, 15]) {
    it(`a pure tone at band ${band}'s centre puts its largest energy in that band`, () => {
      const e = logMelEnergies(tone(centres(s)[band], 4000), s);
      const t = e.length / s.bands;
      for (let f = 1; f < t - 1; f++) {
        const row = Array.from(e.subarray(f * s.bands, (f + 1) * s.bands));
        expect(row.indexOf(Math.max(...row))).toBe(band);
      }
    });
  }

  it('silence gives the floor value in every band, and the matching normalised code', () => {
    const e = logMelEnergies(new Float32Array(2000), s);
    expect(e.length).toBe(frameCount(2000, s) * s.bands);
    for (const v of e) expect(v).toBeCloseTo(Math.log(s.logFloor), 5);
    const { frames, length } = logMelCodes(new Float32Array(2000), s);
    expect(length).toBe(frameCount(2000, s));
    const code = Math.round(((Math.log(s.logFloor) + 5) / 2) * 16);
    for (const c of frames) expect(c).toBe(code);
  });

  it('frames a clip shorter than one window as one zero-padded frame', () => {
    expect(frameCount(50, s)).toBe(1);
    expect(frameCount(200, s)).toBe(1);
    expect(frameCount(280, s)).toBe(2);
    expect(logMelEnergies(tone(1000, 50), s).length).toBe(s.bands);
  });

  it('is deterministic', () => {
    const x = tone(700, 3000);
    expect(Array.from(logMelCodes(x, s).frames)).toEqual(Array.from(logMelCodes(x, s).frames));
  });
});

describe('normalisation and quantization', () => {
  it('applies per-band mean, std and scale', () => {
    const s2 = spec({ bands: 2, mean: [1, -1], std: [2, 4], scale: 0.5 });
    const out = normaliseEnergies(Float32Array.from([3, 3, 5, -5]), s2);
    expect(Array.from(out)).toEqual([0.5, 0.5, 1, -0.5]);
  });

  it('smooths over frames with a one-pole filter', () => {
    const s2 = spec({ bands: 1, mean: [0], std: [1], smoothing: 0.5 });
    expect(Array.from(normaliseEnergies(Float32Array.from([1, 0, 0]), s2))).toEqual([1, 0.5, 0.25]);
  });

  it('subtracts a causal running mean per band, from its fixed initial state', () => {
    const s2 = spec({ bands: 1, mean: [0], std: [1], runningMean: { decay: 0.5, initial: [2] } });
    // m = 0.5·2 + 0.5·4 = 3, then 0.5·3 + 0.5·4 = 3.5: e − m = 1, 0.5.
    expect(Array.from(normaliseEnergies(Float32Array.from([4, 4]), s2))).toEqual([1, 0.5]);
  });

  it('a constant level change fades out of running-mean features (and only those)', () => {
    const rm = spec({ bands: 1, mean: [0], std: [1], runningMean: { decay: 0.8, initial: [0] } });
    const plain = spec({ bands: 1, mean: [0], std: [1] });
    const e = Float32Array.from({ length: 60 }, (_, t) => Math.sin(t / 3));
    const louder = e.map((v) => v + 2.5);
    const gap = (s: typeof rm) => {
      const a = normaliseEnergies(e, s);
      const b = normaliseEnergies(louder, s);
      return Math.abs(a[59] - b[59]);
    };
    expect(gap(plain)).toBeCloseTo(2.5, 5);
    expect(gap(rm)).toBeLessThan(1e-4);
  });

  describe('running mean anchored at the first frame', () => {
    // A voiced, changing signal with a noise floor in every band (far above the log floor, and above
    // Float32 rounding of the samples), and the same 12 dB quieter.
    const s = spec({ logFloor: 1e-12, runningMean: { decay: 0.95, initial: Array(20).fill(-4) } });
    let seed = 7;
    const noise = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32 - 0.5;
    };
    const x = Float32Array.from({ length: 4000 }, (_, i) => {
      const t = i / 8000;
      const voice = 0.3 * Math.sin(2 * Math.PI * 140 * t * (1 + t)) + 0.1 * Math.sin(2 * Math.PI * 900 * t);
      return voice + 0.01 * noise();
    });
    const quieter = x.map((v) => v * 10 ** (-12 / 20));
    const gap = (anchor?: 'first-frame-level' | 'first-frame') => {
      const sa = { ...s, runningMean: { ...s.runningMean!, ...(anchor ? { anchor } : {}) } };
      const a = normaliseEnergies(logMelEnergies(x, sa), sa);
      const b = normaliseEnergies(logMelEnergies(quieter, sa), sa);
      // Largest difference in each frame.
      return Array.from({ length: a.length / 20 }, (_, t) => {
        let m = 0;
        for (let k = t * 20; k < t * 20 + 20; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
        return m;
      });
    };

    it('a constant gain gives the same normalised features from frame 0 (and not without the anchor)', () => {
      const c = Math.log(10 ** (-12 / 10)) / 2; // the gain in nats, over std 2
      const fixed = gap();
      // Without: frame t is off by c · decay^(t+1), most at the start of the word.
      expect(fixed[0]).toBeCloseTo(Math.abs(c) * 0.95, 3);
      expect(fixed[20]).toBeCloseTo(Math.abs(c) * 0.95 ** 21, 3);
      for (const anchor of ['first-frame-level', 'first-frame'] as const)
        expect(Math.max(...gap(anchor))).toBeLessThan(1e-5);
    });

    it('first-frame-level keeps the spectral shape of the first frame; first-frame zeroes it', () => {
      const e = Float32Array.from({ length: 40 }, (_, i) => -3 - (i % 20) * 0.2 + Math.floor(i / 20));
      const level = spec({
        bands: 20,
        mean: Array(20).fill(0),
        std: Array(20).fill(1),
        runningMean: { decay: 0.5, initial: Array(20).fill(-4), anchor: 'first-frame-level' },
      });
      const band = { ...level, runningMean: { ...level.runningMean!, anchor: 'first-frame' as const } };
      const a = normaliseEnergies(e, level);
      const b = normaliseEnergies(e, band);
      // Level: m = initial moved to frame 0's mean level (-4.9): e_0 - m = 0.5 (e_0 - mean e_0).
      expect(a[0]).toBeCloseTo(0.5 * (-3 - -4.9), 5);
      expect(a[19]).toBeCloseTo(0.5 * (-3 - 19 * 0.2 - -4.9), 5);
      expect(Array.from(b.subarray(0, 20))).toEqual(Array(20).fill(0));
      // A fixed per-band channel (a tilt) cancels with the per-band anchor only.
      const tilted = e.map((v, i) => v + (i % 20) * 0.1);
      const tiltGap = (sp: LogMelSpec) => {
        const p = normaliseEnergies(e, sp);
        const q = normaliseEnergies(tilted, sp);
        return Math.max(...p.map((v, i) => Math.abs(v - q[i])));
      };
      expect(tiltGap(band)).toBeLessThan(1e-6);
      expect(tiltGap(level)).toBeGreaterThan(0.1);
    });
  });

  it('rounds to Q3.4 codes and saturates at the 8-bit range', () => {
    const codes = quantizeCodes(Float32Array.from([0.03, 0.04, -1, 7.9, 9, -9]), { intBits: 3, fracBits: 4 });
    expect(Array.from(codes)).toEqual([0, 1, -16, 126, 127, -128]);
  });
});

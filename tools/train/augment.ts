// Waveform augmentation for training: each training recording gets a few seeded variants that sound
// like other voices, rooms and microphones, made before the project's own feature code runs. FSDD has
// six male speakers recorded on one kind of setup; these are the axes on which new users differ.
import FFT from 'fft.js';
import { resample } from '../../src/data/resample';
import { gaussian, mulberry32, type Rng } from '../../src/engine/random';

export interface AugmentSettings {
  /** Speed perturbation (tempo, pitch and formants together, as played faster or slower): factor range. */
  speed: [number, number];
  /**
   * Frequency scaling with the duration kept (resampled, then time-stretched back): formants and
   * pitch move together as with a shorter or longer vocal tract — FSDD has no female or child voices.
   */
  warp: [number, number];
  /** Level change in dB. */
  gainDb: [number, number];
  /** Probability of a band-pass (a telephone, a laptop microphone) and its edge ranges in Hz. */
  bandProb: number;
  lowHz: [number, number];
  highHz: [number, number];
  /** Probability of added noise (white or low-passed) and its signal-to-noise ratio in dB. */
  noiseProb: number;
  snrDb: [number, number];
  /** Probability of a synthetic room (exponentially decaying noise tail) and its RT60 in seconds. */
  reverbProb: number;
  rt60: [number, number];
  /**
   * Probability of adding silence before and after the word (each U(padSeconds) long, filled with
   * Gaussian noise 45–65 dB below the word, before any room or noise): speakers and endpointers
   * leave different amounts of it. Absent or 0: none (and no random draw, so older variants stay).
   */
  padProb?: number;
  padSeconds?: [number, number];
}

export const AUGMENT: AugmentSettings = {
  speed: [0.88, 1.14],
  warp: [0.84, 1.25],
  gainDb: [-24, 6],
  bandProb: 0.4,
  lowHz: [150, 450],
  highHz: [2800, 3800],
  noiseProb: 0.5,
  snrDb: [8, 35],
  reverbProb: 0.35,
  rt60: [0.15, 0.6],
};

const uniform = (rng: Rng, [a, b]: [number, number]) => a + (b - a) * rng();
/** Log-uniform, so that 0.8x and 1.25x are equally likely. */
const logUniform = (rng: Rng, [a, b]: [number, number]) => Math.exp(uniform(rng, [Math.log(a), Math.log(b)]));

/** Plays `x` faster by `factor` (shorter, higher): read as if sampled at rate·factor. */
export function speedChange(x: Float32Array, rate: number, factor: number): Float32Array {
  return resample(x, Math.round(rate * factor), rate);
}

/**
 * Time-stretch to `length` samples with pitch kept: waveform-similarity overlap-add (WSOLA), 30 ms
 * Hann frames at 50% overlap, each taken within ±7.5 ms of its nominal place where it best continues
 * the previous frame.
 */
export function timeStretch(x: Float32Array, rate: number, length: number): Float32Array {
  const n = 2 * Math.max(1, Math.round(0.015 * rate));
  const hop = n / 2;
  const tol = Math.round(0.0075 * rate);
  const out = new Float32Array(length + n);
  const norm = new Float32Array(length + n);
  const w = Float32Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
  const ratio = x.length / Math.max(1, length);
  let prev = -1; // where the previous frame was taken from in x
  for (let o = 0; o < length; o += hop) {
    const nominal = Math.round(o * ratio);
    let best = nominal;
    if (prev >= 0) {
      // The previous frame's natural continuation (prev + hop) is the target shape to match.
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let d = -tol; d <= tol; d++) {
        const s = nominal + d;
        if (s < 0 || s + hop > x.length) continue;
        let score = 0;
        for (let i = 0; i < hop; i++) score += x[s + i] * (x[prev + hop + i] ?? 0);
        if (score > bestScore) {
          bestScore = score;
          best = s;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const v = x[best + i] ?? 0;
      out[o + i] += v * w[i];
      norm[o + i] += w[i];
    }
    prev = best;
  }
  const y = new Float32Array(length);
  for (let i = 0; i < length; i++) y[i] = norm[i] > 1e-3 ? out[i] / norm[i] : out[i];
  return y;
}

/** Second-order Butterworth section (RBJ cookbook), applied in place. */
function biquad(x: Float32Array, rate: number, hz: number, kind: 'low' | 'high'): void {
  const w0 = (2 * Math.PI * hz) / rate;
  const alpha = Math.sin(w0) / Math.SQRT2;
  const c = Math.cos(w0);
  const b1 = kind === 'low' ? 1 - c : -(1 + c);
  const b0 = Math.abs(b1) / 2;
  const a0 = 1 + alpha;
  const [B0, B1, B2, A1, A2] = [b0 / a0, b1 / a0, b0 / a0, (-2 * c) / a0, (1 - alpha) / a0];
  let [x1, x2, y1, y2] = [0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const y = B0 * x[i] + B1 * x1 + B2 * x2 - A1 * y1 - A2 * y2;
    x2 = x1;
    x1 = x[i];
    y2 = y1;
    y1 = y;
    x[i] = y;
  }
}

/** Fourth-order band-pass (two Butterworth sections at each edge), as a telephone channel. */
export function bandPass(x: Float32Array, rate: number, lowHz: number, highHz: number): Float32Array {
  const y = x.slice();
  for (let k = 0; k < 2; k++) {
    biquad(y, rate, lowHz, 'high');
    biquad(y, rate, highHz, 'low');
  }
  return y;
}

const rms = (x: Float32Array) => {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / Math.max(1, x.length));
};

/** Adds white or low-passed (one-pole) Gaussian noise at `snrDb` below the signal's RMS. */
export function addNoise(x: Float32Array, snrDb: number, rng: Rng, coloured: boolean): Float32Array {
  const noise = new Float32Array(x.length);
  let lp = 0;
  for (let i = 0; i < x.length; i++) {
    const g = gaussian(rng);
    lp = 0.9 * lp + 0.1 * g;
    noise[i] = coloured ? lp : g;
  }
  const k = (rms(x) * 10 ** (-snrDb / 20)) / Math.max(rms(noise), 1e-12);
  return x.map((v, i) => v + k * noise[i]);
}

/** A synthetic room: the direct sound plus a decaying noise tail reaching −60 dB after rt60 s. */
export function reverb(x: Float32Array, rate: number, rt60: number, rng: Rng): Float32Array {
  const len = Math.round(rt60 * rate);
  const h = new Float32Array(len);
  h[0] = 1;
  const decay = Math.log(1000) / len;
  // The tail starts a few ms after the direct sound, about as loud in total as it (DRR near 0 dB).
  const pre = Math.round(0.003 * rate);
  let energy = 0;
  for (let i = pre; i < len; i++) {
    h[i] = gaussian(rng) * Math.exp(-decay * i);
    energy += h[i] * h[i];
  }
  const tail = Math.sqrt(uniform(rng, [0.3, 1.5]) / Math.max(energy, 1e-12));
  for (let i = pre; i < len; i++) h[i] *= tail;
  // Keep 100 ms of the tail after the word, as a microphone's endpointing would.
  return convolve(x, h).slice(0, Math.min(x.length + len, x.length + Math.round(0.1 * rate)));
}

/** Full linear convolution by FFT (a direct one took 30 ms per recording with a 0.5 s room). */
function convolve(x: Float32Array, h: Float32Array): Float32Array {
  const n = x.length + h.length - 1;
  let size = 2;
  while (size < n) size *= 2;
  const fft = new FFT(size);
  const spectrum = (v: Float32Array) => {
    const input = new Float64Array(size);
    input.set(v);
    const out = fft.createComplexArray() as number[];
    fft.realTransform(out, input);
    fft.completeSpectrum(out);
    return out;
  };
  const X = spectrum(x);
  const H = spectrum(h);
  const Y = fft.createComplexArray() as number[];
  for (let k = 0; k < size; k++) {
    const [a, b, c, d] = [X[2 * k], X[2 * k + 1], H[2 * k], H[2 * k + 1]];
    Y[2 * k] = a * c - b * d;
    Y[2 * k + 1] = a * d + b * c;
  }
  const y = fft.createComplexArray() as number[];
  fft.inverseTransform(y, Y);
  return Float32Array.from({ length: n }, (_, i) => y[2 * i]);
}

/** Silence (faint noise) of U(range) seconds before and after `x`, independently. */
export function pad(x: Float32Array, rate: number, range: [number, number], rng: Rng): Float32Array {
  const before = Math.round(uniform(rng, range) * rate);
  const after = Math.round(uniform(rng, range) * rate);
  const level = rms(x) * 10 ** (-uniform(rng, [45, 65]) / 20);
  const y = new Float32Array(before + x.length + after);
  for (let i = 0; i < y.length; i++) y[i] = level * gaussian(rng);
  for (let i = 0; i < x.length; i++) y[before + i] += x[i];
  return y;
}

/** One seeded variant of `x` (mono at `rate`): same seed, same variant. */
export function augment(x: Float32Array, rate: number, a: AugmentSettings, seed: number): Float32Array {
  const rng = mulberry32(seed);
  let y = speedChange(x, rate, logUniform(rng, a.speed));
  const warp = logUniform(rng, a.warp);
  y = timeStretch(speedChange(y, rate, warp), rate, y.length);
  if (a.padProb && rng() < a.padProb) y = pad(y, rate, a.padSeconds ?? [0, 0], rng);
  if (rng() < a.bandProb) y = bandPass(y, rate, uniform(rng, a.lowHz), uniform(rng, a.highHz));
  if (rng() < a.reverbProb) y = reverb(y, rate, uniform(rng, a.rt60), rng);
  if (rng() < a.noiseProb) y = addNoise(y, uniform(rng, a.snrDb), rng, rng() < 0.5);
  const g = 10 ** (uniform(rng, a.gainDb) / 20);
  return y.map((v) => Math.max(-1, Math.min(1, v * g)));
}

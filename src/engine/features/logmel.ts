// Log-mel filterbank features, pure and deterministic so Node (training) and the browser (live input)
// compute the same codes from the same samples. Everything that shapes a value lives in LogMelSpec,
// which is stored in the model's and the pack's `features` field.
import FFT from 'fft.js';
import type { QFormat } from '../types';

export interface LogMelSpec {
  kind: 'logmel';
  sampleRate: number;
  /** Hann window length and hop, in samples. */
  windowLength: number;
  hop: number;
  /** Power of two >= windowLength; frames are zero-padded to it. */
  fftSize: number;
  bands: number;
  fmin: number;
  fmax: number;
  /** Mel-band power is clamped below at this value before the natural log (silence maps to ln(floor)). */
  logFloor: number;
  /**
   * Optional causal normalisation, applied to ln(power) first: per band, a running mean
   * m_t = decay * m_{t-1} + (1 - decay) * e_t from the fixed state m_{-1} = initial, and e_t - m_t
   * goes on. A constant level or channel change (an additive shift in the log domain) fades out of
   * the features within a few time constants, frame by frame, so it streams; with `anchor`, the
   * starting state is moved by the first frame so that a constant level cancels from frame 0. Absent:
   * no such step.
   */
  runningMean?: RunningMean;
  /** Per band: value = (x - mean) / std * scale, then smoothed, then quantized. */
  mean: number[];
  std: number[];
  scale: number;
  /** One-pole smoothing over frames, y_t = a*y_{t-1} + (1-a)*x_t with y_0 = x_0; 0 disables it. */
  smoothing: number;
  activation: QFormat;
}

export interface RunningMean {
  decay: number;
  /** One starting value per band (the training split's mean of ln(power)). */
  initial: number[];
  /**
   * How the first frame given (e_0) moves the starting state m_{-1} (absent: it stays `initial`):
   * - 'first-frame-level': m_{-1} = initial + (mean over bands of e_0 - mean over bands of initial),
   *   the training profile at the recording's own level, so a constant gain (the same additive shift
   *   of every band) cancels exactly from frame 0, up to the log floor;
   * - 'first-frame': m_{-1} = e_0 per band, so a fixed per-band channel cancels from frame 0 too (and
   *   the first frame's own values become 0).
   */
  anchor?: RunningMeanAnchor;
}

export const RUNNING_MEAN_ANCHORS = ['first-frame-level', 'first-frame'] as const;
export type RunningMeanAnchor = (typeof RUNNING_MEAN_ANCHORS)[number];

/** The running mean's starting state m_{-1} given the first frame's energies (its first `bands` values). */
export function runningMeanStart(rm: RunningMean, first: Float32Array): Float64Array {
  const start = Float64Array.from(rm.initial);
  if (rm.anchor === 'first-frame') {
    for (let b = 0; b < start.length; b++) start[b] = first[b];
  } else if (rm.anchor === 'first-frame-level') {
    // Sums in band order, in double precision: every path that starts here gets the same bits.
    let shift = 0;
    for (let b = 0; b < start.length; b++) shift += first[b] - rm.initial[b];
    shift /= start.length;
    for (let b = 0; b < start.length; b++) start[b] += shift;
  }
  return start;
}

export interface MelFilter {
  /** First FFT bin with a non-zero weight, and the weights from there. */
  start: number;
  weights: Float32Array;
}

export const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

/** Triangular filters on the HTK mel scale over the FFT bins 0..fftSize/2. */
export function melFilterbank(spec: Pick<LogMelSpec, 'sampleRate' | 'fftSize' | 'bands' | 'fmin' | 'fmax'>) {
  const { sampleRate, fftSize, bands, fmin, fmax } = spec;
  const lo = hzToMel(fmin);
  const hi = hzToMel(fmax);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (bands + 1)));
  const binHz = sampleRate / fftSize;
  const bins = fftSize / 2 + 1;
  const filters: MelFilter[] = [];
  for (let b = 0; b < bands; b++) {
    const [left, centre, right] = [edges[b], edges[b + 1], edges[b + 2]];
    const w = new Float32Array(bins);
    let first = -1;
    let last = -1;
    for (let k = 0; k < bins; k++) {
      const f = k * binHz;
      const v =
        f <= left || f >= right
          ? 0
          : f <= centre
            ? (f - left) / (centre - left)
            : (right - f) / (right - centre);
      if (v > 0) {
        w[k] = v;
        if (first < 0) first = k;
        last = k;
      }
    }
    filters.push(
      first < 0
        ? { start: 0, weights: new Float32Array(0) }
        : { start: first, weights: w.slice(first, last + 1) },
    );
  }
  return filters;
}

/** Number of frames for n samples: at least one (short clips are zero-padded to a window). */
export function frameCount(n: number, spec: Pick<LogMelSpec, 'windowLength' | 'hop'>): number {
  return n <= spec.windowLength ? 1 : 1 + Math.floor((n - spec.windowLength) / spec.hop);
}

/** Computes the natural-log mel energies of any range of frames, so long recordings can run in slices. */
export interface LogMelAnalyser {
  /** Frames for n samples (see frameCount). */
  frames(n: number): number;
  /** Energies of frames [from, to) of `samples` into out, frame-major (bands per frame, at from * bands). */
  run(samples: Float32Array, from: number, to: number, out: Float32Array): void;
}

export function logMelAnalyser(spec: LogMelSpec): LogMelAnalyser {
  const filters = melFilterbank(spec);
  const { windowLength: wl, hop, fftSize, bands } = spec;
  const fft = new FFT(fftSize);
  const window = new Float64Array(wl);
  // Periodic Hann: the usual choice for overlapping analysis frames.
  for (let i = 0; i < wl; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / wl);
  const frame = new Float64Array(fftSize);
  const spectrum = fft.createComplexArray() as number[];
  const power = new Float64Array(fftSize / 2 + 1);
  return {
    frames: (n) => frameCount(n, spec),
    run(samples, from, to, out) {
      for (let f = from; f < to; f++) {
        frame.fill(0);
        const off = f * hop;
        for (let i = 0; i < wl && off + i < samples.length; i++) frame[i] = samples[off + i] * window[i];
        fft.realTransform(spectrum, frame);
        for (let k = 0; k <= fftSize / 2; k++) power[k] = spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
        for (let b = 0; b < bands; b++) {
          const { start, weights } = filters[b];
          let e = 0;
          for (let k = 0; k < weights.length; k++) e += weights[k] * power[start + k];
          out[f * bands + b] = Math.log(Math.max(e, spec.logFloor));
        }
      }
    },
  };
}

/** Natural-log mel energies, T x bands, frame-major, before normalisation. */
export function logMelEnergies(samples: Float32Array, spec: LogMelSpec): Float32Array {
  const analyser = logMelAnalyser(spec);
  const t = analyser.frames(samples.length);
  const out = new Float32Array(t * spec.bands);
  analyser.run(samples, 0, t, out);
  return out;
}

/**
 * Normalisation frame by frame, with its state (running means, one-pole smoothing) carried from one
 * call to the next: the whole-file and the streaming path both run this, so they agree bit for bit.
 */
export interface Normaliser {
  /** Normalised values of whole frames of energies (frame-major), continuing from the frames before. */
  push(energies: Float32Array): Float32Array;
}

export function createNormaliser(spec: LogMelSpec): Normaliser {
  const { bands, mean, std, scale, smoothing: a, runningMean: rm } = spec;
  // The running means' state; set from the first frame given (runningMeanStart), then carried on.
  let running: Float64Array | null = null;
  const d = rm?.decay ?? 0;
  // Float32, as each smoothed value is stored before the next frame reads it.
  const prev = new Float32Array(bands);
  let started = false;
  return {
    push(energies) {
      const out = new Float32Array(energies.length);
      if (rm && !running && energies.length >= bands) running = runningMeanStart(rm, energies);
      for (let i = 0; i < energies.length; i++) {
        const b = i % bands;
        let e = energies[i];
        if (running) {
          running[b] = d * running[b] + (1 - d) * e;
          e -= running[b];
        }
        const v = ((e - mean[b]) / std[b]) * scale;
        out[i] = !started || a === 0 ? v : a * prev[b] + (1 - a) * v;
        prev[b] = out[i];
        if (b === bands - 1) started = true;
      }
      return out;
    },
  };
}

/** Normalised, smoothed real-valued features (T x bands), what the network sees before quantization. */
export function normaliseEnergies(energies: Float32Array, spec: LogMelSpec): Float32Array {
  return createNormaliser(spec).push(energies);
}

/** Rounds to the nearest activation code, saturating to the signed 8-bit range. */
export function quantizeCodes(values: Float32Array, q: QFormat): Int8Array {
  const s = 2 ** q.fracBits;
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.max(-128, Math.min(127, Math.round(values[i] * s)));
  return out;
}

/** Samples (mono, at spec.sampleRate) to quantized feature codes, T x bands. */
export function logMelCodes(samples: Float32Array, spec: LogMelSpec): { frames: Int8Array; length: number } {
  const frames = quantizeCodes(normaliseEnergies(logMelEnergies(samples, spec), spec), spec.activation);
  return { frames, length: frames.length / spec.bands };
}

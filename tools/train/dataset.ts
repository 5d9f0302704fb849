// Turns FSDD recordings (and their augmented variants) into the quantized log-mel sequences the models
// train and are tested on. Energies are computed once per recording and variant; each data split then
// normalises them with its own statistics (training speakers and takes only).
import {
  type LogMelSpec,
  logMelCodes,
  logMelEnergies,
  normaliseEnergies,
  quantizeCodes,
  type RunningMeanAnchor,
} from '../../src/engine/features/logmel';
import { type AugmentSettings, augment } from './augment';
import { type FsddFile, readMono } from './fsdd';

export interface Example {
  file: FsddFile;
  /** Activation codes, T x bands (what the engine reads), and the same values in real units. */
  codes: Int8Array;
  x: Float32Array;
  length: number;
  /** Augmented versions of the same recording (training only): each epoch draws one of these or this. */
  variants?: Example[];
}

export interface FeatureSettings {
  bands: number;
  /** Mel range in Hz. */
  fmin: number;
  fmax: number;
  logFloor: number;
  /** Decay of the causal running mean per frame (0: no running mean). */
  runningMeanDecay: number;
}

/** The feature settings before normalisation statistics are known (justified in RESULTS.md). */
export function baseSpec(f: FeatureSettings): LogMelSpec {
  return {
    kind: 'logmel',
    sampleRate: 8000,
    windowLength: 200,
    hop: 80,
    fftSize: 256,
    bands: f.bands,
    fmin: f.fmin,
    fmax: f.fmax,
    logFloor: f.logFloor,
    mean: [],
    std: [],
    scale: 1,
    smoothing: 0,
    activation: { intBits: 3, fracBits: 4 },
  };
}

/** One recording's energies (T x bands), clean and as each augmented variant. */
export interface Recording {
  file: FsddFile;
  clean: Float32Array;
  variants: Float32Array[];
}

/** Seed of variant k of file i: fixed per recording, whatever else is loaded. */
const variantSeed = (seed: number, i: number, k: number) => (seed * 1_000_003 + i * 97 + k) >>> 0;

export function loadRecordings(
  files: FsddFile[],
  spec: LogMelSpec,
  aug: AugmentSettings,
  variants: number,
  seed: number,
): Recording[] {
  return files.map((file, i) => {
    const x = readMono(file, spec.sampleRate);
    return {
      file,
      clean: logMelEnergies(x, spec),
      variants: Array.from({ length: variants }, (_, k) =>
        logMelEnergies(augment(x, spec.sampleRate, aug, variantSeed(seed, i, k)), spec),
      ),
    };
  });
}

/** The bands x bands matrix that keeps a frame's `keep` lowest orthonormal DCT-II components. */
export function lifterMatrix(bands: number, keep: number): Float64Array {
  const basis = (k: number, b: number) =>
    Math.sqrt((k === 0 ? 1 : 2) / bands) * Math.cos((Math.PI * k * (b + 0.5)) / bands);
  const m = new Float64Array(bands * bands);
  for (let i = 0; i < bands; i++)
    for (let j = 0; j < bands; j++)
      for (let k = 0; k < Math.min(keep, bands); k++) m[i * bands + j] += basis(k, i) * basis(k, j);
  return m;
}

/** Energies (T x bands) with each frame liftered by `lifterMatrix` (Hyper.lifter). */
export function liftered(energies: Float32Array, m: Float64Array, bands: number): Float32Array {
  const out = new Float32Array(energies.length);
  for (let t = 0; t < energies.length; t += bands)
    for (let i = 0; i < bands; i++) {
      let v = 0;
      for (let j = 0; j < bands; j++) v += m[i * bands + j] * energies[t + j];
      out[t + i] = v;
    }
  return out;
}

/**
 * Normalisation statistics from `recs` (a split's training speakers and takes, clean): the running
 * mean starts at their mean log energy (moved by each recording's first frame when `anchor` is set);
 * mean and std are those of what the running mean leaves.
 */
export function fitNormalisation(
  recs: Recording[],
  spec: LogMelSpec,
  decay: number,
  anchor?: RunningMeanAnchor,
): LogMelSpec {
  const b = spec.bands;
  const moments = (values: (r: Recording) => Float32Array) => {
    const sum = new Float64Array(b);
    const sq = new Float64Array(b);
    let n = 0;
    for (const r of recs) {
      const e = values(r);
      for (let i = 0; i < e.length; i++) {
        sum[i % b] += e[i];
        sq[i % b] += e[i] * e[i];
      }
      n += e.length / b;
    }
    const mean = Array.from(sum, (s) => s / n);
    const std = Array.from(sq, (s, i) => Math.sqrt(Math.max(s / n - mean[i] ** 2, 1e-12)));
    return { mean, std };
  };
  if (decay === 0) return { ...spec, ...moments((r) => r.clean) };
  const initial = moments((r) => r.clean).mean;
  const unit = {
    ...spec,
    runningMean: { decay, initial, ...(anchor ? { anchor } : {}) },
    mean: Array(b).fill(0),
    std: Array(b).fill(1),
  };
  return { ...unit, ...moments((r) => normaliseEnergies(r.clean, unit)) };
}

export function encodeEnergies(file: FsddFile, energies: Float32Array, spec: LogMelSpec): Example {
  const step = 2 ** -spec.activation.fracBits;
  const frames = quantizeCodes(normaliseEnergies(energies, spec), spec.activation);
  return {
    file,
    codes: frames,
    x: Float32Array.from(frames, (c) => c * step),
    length: frames.length / spec.bands,
  };
}

/** Clean examples of `recs`, with their augmented variants attached when `withVariants`. */
export function toExamples(recs: Recording[], spec: LogMelSpec, withVariants: boolean): Example[] {
  return recs.map((r) => {
    const ex = encodeEnergies(r.file, r.clean, spec);
    if (withVariants && r.variants.length > 0)
      ex.variants = r.variants.map((v) => encodeEnergies(r.file, v, spec));
    return ex;
  });
}

/** Examples of recordings changed by `channel` (a measurement copy: band-limited, quieter). */
export function channelExamples(
  files: FsddFile[],
  spec: LogMelSpec,
  channel: (x: Float32Array) => Float32Array,
): Example[] {
  const step = 2 ** -spec.activation.fracBits;
  return files.map((file) => {
    const { frames, length } = logMelCodes(channel(readMono(file, spec.sampleRate)), spec);
    return { file, codes: frames, x: Float32Array.from(frames, (c) => c * step), length };
  });
}

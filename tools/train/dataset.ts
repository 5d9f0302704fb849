// Turns FSDD recordings into the quantized log-mel sequences the models train and are tested on.
import type { LogMelSpec } from '../../src/engine/features/logmel';
import { logMelCodes, logMelEnergies } from '../../src/engine/features/logmel';
import { type FsddFile, readMono } from './fsdd';

export interface Example {
  file: FsddFile;
  /** Activation codes, T x bands (what the engine reads), and the same values in real units. */
  codes: Int8Array;
  x: Float32Array;
  length: number;
}

/** The feature settings before normalisation statistics are known (justified in RESULTS.md). */
export function baseSpec(bands: number): LogMelSpec {
  return {
    kind: 'logmel',
    sampleRate: 8000,
    windowLength: 200,
    hop: 80,
    fftSize: 256,
    bands,
    fmin: 50,
    fmax: 4000,
    logFloor: 1e-4,
    mean: [],
    std: [],
    scale: 1,
    smoothing: 0,
    activation: { intBits: 3, fracBits: 4 },
  };
}

/** Per-band mean and standard deviation of the log energies of `files` (training split only). */
export function fitNormalisation(files: FsddFile[], spec: LogMelSpec): LogMelSpec {
  const b = spec.bands;
  const sum = new Float64Array(b);
  const sq = new Float64Array(b);
  let n = 0;
  for (const f of files) {
    const e = logMelEnergies(readMono(f, spec.sampleRate), spec);
    for (let i = 0; i < e.length; i++) {
      sum[i % b] += e[i];
      sq[i % b] += e[i] * e[i];
    }
    n += e.length / b;
  }
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sq, (s, i) => Math.sqrt(Math.max(s / n - mean[i] ** 2, 1e-12)));
  return { ...spec, mean, std };
}

export function loadExamples(files: FsddFile[], spec: LogMelSpec): Example[] {
  const step = 2 ** -spec.activation.fracBits;
  return files.map((file) => {
    const { frames, length } = logMelCodes(readMono(file, spec.sampleRate), spec);
    return { file, codes: frames, x: Float32Array.from(frames, (c) => c * step), length };
  });
}

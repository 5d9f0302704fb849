// The connected-digits data: FSDD clips split by take (train 10-49, validation 5-9, test 0-4, as
// the digits task), strings composed from each split with its own seeded rng, log-mel features by
// the project's feature code with normalisation fitted on the training strings only.
import type { LogMelSpec } from '../../../src/engine/features/logmel';
import { logMelCodes, logMelEnergies } from '../../../src/engine/features/logmel';
import { mulberry32 } from '../../../src/engine/random';
import { type FsddFile, listFsdd, readMono } from '../fsdd';
import {
  type ClipPool,
  COMPOSE,
  type ConnectedString,
  clipPool,
  composeLong,
  composeString,
  type DigitClip,
} from './strings';

/** The blank class (the CTC blank, 10): frames outside every digit. */
const FRAME_BLANK = 10;

export interface ConnectedExample {
  id: string;
  speaker: string;
  labels: number[];
  clips: string[];
  /**
   * Per frame, the digit whose recording holds the frame's centre, or `blank` elsewhere: known by
   * construction, used only by the framewise warm start of training (never by the metric).
   */
  frameLabels: Int32Array;
  /** Activation codes (T x bands) and the same values in real units. */
  codes: Int8Array;
  x: Float32Array;
  length: number;
}

export interface DataSizes {
  train: number;
  val: number;
  test: number;
  /** Long recordings for always-on mode, and strings in each. */
  long: number;
  longStrings: number;
  /** The speaker fold: training strings (fewer, to fit the time budget) and test strings. */
  foldTrain: number;
  foldTest: number;
}

export interface Takes {
  train: [number, number];
  val: [number, number];
  test: [number, number];
}

export interface ConnectedSplit {
  spec: LogMelSpec;
  train: ConnectedExample[];
  val: ConnectedExample[];
  test: ConnectedExample[];
  long: ConnectedExample[];
}

/** Feature settings before normalisation: those of the digits models (10 ms hop at 8 kHz). */
export function connectedSpec(bands: number): LogMelSpec {
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

export function loadClips(dir: string): DigitClip[] {
  return listFsdd(dir).map((f: FsddFile) => ({
    id: f.id,
    digit: f.digit,
    speaker: f.speaker,
    take: f.take,
    audio: readMono(f, COMPOSE.rate),
  }));
}

function fitNormalisation(strings: ConnectedString[], spec: LogMelSpec): LogMelSpec {
  const b = spec.bands;
  const sum = new Float64Array(b);
  const sq = new Float64Array(b);
  let n = 0;
  for (const s of strings) {
    const e = logMelEnergies(s.audio, spec);
    for (let i = 0; i < e.length; i++) {
      sum[i % b] += e[i];
      sq[i % b] += e[i] * e[i];
    }
    n += e.length / b;
  }
  const mean = Array.from(sum, (v) => v / n);
  const std = Array.from(sq, (v, i) => Math.sqrt(Math.max(v / n - mean[i] ** 2, 1e-12)));
  return { ...spec, mean, std };
}

export function toExample(s: ConnectedString, spec: LogMelSpec): ConnectedExample {
  const step = 2 ** -spec.activation.fracBits;
  const { frames, length } = logMelCodes(s.audio, spec);
  const frameLabels = new Int32Array(length).fill(FRAME_BLANK);
  s.spans.forEach(([a, b], k) => {
    for (let t = 0; t < length; t++) {
      const centre = t * spec.hop + spec.windowLength / 2;
      if (centre >= a && centre < b) frameLabels[t] = s.labels[k];
    }
  });
  return {
    id: s.id,
    speaker: s.speaker,
    labels: s.labels,
    clips: s.clips,
    frameLabels,
    codes: frames,
    x: Float32Array.from(frames, (c) => c * step),
    length,
  };
}

function compose(pool: ClipPool, n: number, seed: number, prefix: string): ConnectedString[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, k) => composeString(pool, rng, COMPOSE, `${prefix}-${k}`));
}

/**
 * Strings for one split: training and validation from the speakers `keep` accepts, test strings
 * from `testClips` (the test takes, or all takes of a held-out speaker).
 */
export function buildSplit(
  clips: DigitClip[],
  takes: Takes,
  keep: (c: DigitClip) => boolean,
  testClips: (c: DigitClip) => boolean,
  sizes: DataSizes,
  testCount: number,
  bands: number,
  seed: number,
  prefix: string,
): ConnectedSplit {
  const pool = ([first, last]: [number, number]) =>
    clipPool(clips.filter((c) => keep(c) && c.take >= first && c.take <= last));
  const trainS = compose(pool(takes.train), sizes.train, seed * 1000 + 1, `${prefix}train`);
  const valS = compose(pool(takes.val), sizes.val, seed * 1000 + 2, `${prefix}val`);
  const testPool = clipPool(clips.filter(testClips));
  const testS = compose(testPool, testCount, seed * 1000 + 3, `${prefix}test`);
  const rng = mulberry32(seed * 1000 + 4);
  const longS = Array.from({ length: sizes.long }, (_, k) =>
    composeLong(testPool, rng, COMPOSE, `${prefix}long-${k}`, sizes.longStrings, [1, 3]),
  );
  const spec = fitNormalisation(trainS, connectedSpec(bands));
  const ex = (a: ConnectedString[]) => a.map((s) => toExample(s, spec));
  return { spec, train: ex(trainS), val: ex(valS), test: ex(testS), long: ex(longS) };
}

// Connected digit strings from single-digit recordings: one speaker per string, 2-7 digits with
// natural varied pauses (none at all included), a level change per digit and per string, and
// background noise at a random SNR; plus long recordings of several strings with silence between,
// for always-on listening. Everything is drawn from the rng passed in, so a seed fixes the data.
import { gaussian, type Rng } from '../../../src/engine/random';

export interface DigitClip {
  id: string;
  digit: number;
  speaker: string;
  take: number;
  /** Mono samples at the string rate. */
  audio: Float32Array;
}

export interface ComposeSettings {
  rate: number;
  minDigits: number;
  maxDigits: number;
  /** Probability that two digits follow with no pause at all. */
  pauseNone: number;
  /** Other pauses are uniform in [pauseMin, pauseMax] seconds. */
  pauseMin: number;
  pauseMax: number;
  /** Silence before the first and after the last digit, uniform in [edgeMin, edgeMax] seconds. */
  edgeMin: number;
  edgeMax: number;
  /** Per-digit level change, uniform in ±digitGainDb. */
  digitGainDb: number;
  /** Whole-string level, uniform in [stringGainDb[0], stringGainDb[1]]. */
  stringGainDb: [number, number];
  /** Background noise SNR (to the speech), uniform in [snrDb[0], snrDb[1]]. */
  snrDb: [number, number];
}

export const COMPOSE: ComposeSettings = {
  rate: 8000,
  minDigits: 2,
  maxDigits: 7,
  pauseNone: 0.25,
  pauseMin: 0.03,
  pauseMax: 0.45,
  edgeMin: 0.05,
  edgeMax: 0.3,
  digitGainDb: 4,
  stringGainDb: [-12, 6],
  snrDb: [15, 40],
};

export interface ConnectedString {
  id: string;
  speaker: string;
  labels: number[];
  /** The recordings it was made from, in order. */
  clips: string[];
  /** Where each digit's recording lies, [first sample, end sample), in label order. */
  spans: [number, number][];
  audio: Float32Array;
}

/** Clips of one split by speaker, then digit (each list non-empty for the speakers offered). */
export type ClipPool = Map<string, DigitClip[][]>;

export function clipPool(clips: DigitClip[]): ClipPool {
  const pool: ClipPool = new Map();
  for (const c of clips) {
    if (!pool.has(c.speaker))
      pool.set(
        c.speaker,
        Array.from({ length: 10 }, () => []),
      );
    pool.get(c.speaker)![c.digit].push(c);
  }
  for (const [s, byDigit] of pool) {
    if (byDigit.some((l) => l.length === 0)) pool.delete(s);
  }
  return pool;
}

const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
const pickOf = <T>(rng: Rng, a: T[]): T => a[Math.floor(rng() * a.length)];
const dbToGain = (db: number) => 10 ** (db / 20);

/** Short linear fades at a clip's edges, so joins without a pause do not click. */
const FADE_SECONDS = 0.005;

interface Piece {
  clip: DigitClip | null;
  samples: number;
  gain: number;
}

/** The sample range of every clip piece, in order. */
function spansOf(pieces: Piece[]): [number, number][] {
  const spans: [number, number][] = [];
  let at = 0;
  for (const p of pieces) {
    if (p.clip) spans.push([at, at + p.samples]);
    at += p.samples;
  }
  return spans;
}

/** Lays pieces (clips or silences) end to end and adds coloured noise at `snrDb` below the speech. */
function render(pieces: Piece[], rng: Rng, s: ComposeSettings): Float32Array {
  const total = pieces.reduce((n, p) => n + p.samples, 0);
  const out = new Float32Array(total);
  const fade = Math.round(FADE_SECONDS * s.rate);
  let at = 0;
  let speechSq = 0;
  let speechN = 0;
  for (const p of pieces) {
    if (p.clip) {
      const a = p.clip.audio;
      for (let i = 0; i < a.length; i++) {
        const edge = Math.min(1, (i + 1) / fade, (a.length - i) / fade);
        const v = a[i] * p.gain * edge;
        out[at + i] = v;
        speechSq += v * v;
      }
      speechN += a.length;
    }
    at += p.samples;
  }
  const speechRms = Math.sqrt(speechSq / Math.max(speechN, 1));
  const noiseRms = speechRms * dbToGain(-uniform(rng, s.snrDb[0], s.snrDb[1]));
  // One-pole low-pass white noise: from white (a = 0) to a rumble (a near 1), unit variance.
  const a = uniform(rng, 0, 0.95);
  const norm = Math.sqrt(1 - a * a);
  let y = 0;
  for (let i = 0; i < total; i++) {
    y = a * y + norm * gaussian(rng);
    out[i] = Math.max(-1, Math.min(1, out[i] + noiseRms * y));
  }
  return out;
}

function digitPieces(pool: ClipPool, speaker: string, labels: number[], rng: Rng, s: ComposeSettings) {
  const level = uniform(rng, s.stringGainDb[0], s.stringGainDb[1]);
  const pieces: Piece[] = [];
  const clips: string[] = [];
  labels.forEach((d, k) => {
    if (k > 0 && rng() >= s.pauseNone) {
      pieces.push({
        clip: null,
        samples: Math.round(uniform(rng, s.pauseMin, s.pauseMax) * s.rate),
        gain: 0,
      });
    }
    const clip = pickOf(rng, pool.get(speaker)![d]);
    clips.push(clip.id);
    const gain = dbToGain(level + uniform(rng, -s.digitGainDb, s.digitGainDb));
    pieces.push({ clip, samples: clip.audio.length, gain });
  });
  return { pieces, clips };
}

const silence = (seconds: number, s: ComposeSettings): Piece => ({
  clip: null,
  samples: Math.round(seconds * s.rate),
  gain: 0,
});

function randomLabels(rng: Rng, s: ComposeSettings): number[] {
  const n = s.minDigits + Math.floor(rng() * (s.maxDigits - s.minDigits + 1));
  return Array.from({ length: n }, () => Math.floor(rng() * 10));
}

/** One string: a random speaker of the pool, 2-7 random digits, each from a random take. */
export function composeString(pool: ClipPool, rng: Rng, s: ComposeSettings, id: string): ConnectedString {
  const speakers = [...pool.keys()].sort();
  const speaker = pickOf(rng, speakers);
  const labels = randomLabels(rng, s);
  const { pieces, clips } = digitPieces(pool, speaker, labels, rng, s);
  const all = [
    silence(uniform(rng, s.edgeMin, s.edgeMax), s),
    ...pieces,
    silence(uniform(rng, s.edgeMin, s.edgeMax), s),
  ];
  return { id, speaker, labels, clips, spans: spansOf(all), audio: render(all, rng, s) };
}

/**
 * A long recording: `strings` strings of one speaker with silences of [gapMin, gapMax] seconds
 * between them (one noise floor throughout, as one microphone session would have).
 */
export function composeLong(
  pool: ClipPool,
  rng: Rng,
  s: ComposeSettings,
  id: string,
  strings: number,
  gap: [number, number],
): ConnectedString {
  const speakers = [...pool.keys()].sort();
  const speaker = pickOf(rng, speakers);
  const all: Piece[] = [silence(uniform(rng, gap[0], gap[1]), s)];
  const labels: number[] = [];
  const clips: string[] = [];
  for (let k = 0; k < strings; k++) {
    const l = randomLabels(rng, s);
    const d = digitPieces(pool, speaker, l, rng, s);
    all.push(...d.pieces, silence(uniform(rng, gap[0], gap[1]), s));
    labels.push(...l);
    clips.push(...d.clips);
  }
  return { id, speaker, labels, clips, spans: spansOf(all), audio: render(all, rng, s) };
}

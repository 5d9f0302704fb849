// A spoken-digit set that is not FSDD, made with Debian's espeak-ng across accents, voice variants
// (male, female, older, Klatt), speaking rates and pitches, each in a little room noise. It is for
// MEASUREMENT ONLY: the pipeline never trains on it, so it stays a test of voices the models never heard.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '../../src/data/wav';
import { encodeWav16 } from '../../src/data/wav-write';
import { gaussian, mulberry32 } from '../../src/engine/random';

export const SYNTH_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** espeak-ng's own English voices (the mbrola ones need a separate synthesizer). */
const VOICES = [
  'en-us',
  'en-gb',
  'en-gb-scotland',
  'en-gb-x-rp',
  'en-gb-x-gbclan',
  'en-gb-x-gbcwmd',
  'en-029',
  'en-us-nyc',
];
/** Human-sounding variants: whispered and robotic ones are left out. */
const VARIANTS = [
  'm1',
  'm2',
  'm3',
  'm4',
  'm5',
  'm6',
  'm7',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
  'klatt',
  'klatt2',
  'klatt3',
  'Annie',
  'Andrea',
  'Alicia',
  'anika',
  'Linda',
  'Steph',
  'grandma',
  'grandpa',
  'Michael',
  'Mike',
  'Paul',
  'Robert',
  'Lee',
  'max',
];

/** Where `npm run train:digits` makes the set, how many voice settings, and their seed. */
export const SYNTH_DEFAULTS = { dir: '.tmp/synth-digits', configs: 40, seed: 7 };

export interface SynthConfig {
  id: string;
  voice: string;
  variant: string;
  /** Words per minute (espeak-ng's default is 175) and pitch 0–99 (default 50). */
  rate: number;
  pitch: number;
  /** Noise under the whole recording, dB below the speech's RMS. */
  snrDb: number;
}

export function synthConfigs(count: number, seed: number): SynthConfig[] {
  const rng = mulberry32(seed);
  const pick = <T>(a: T[]) => a[Math.floor(rng() * a.length)];
  return Array.from({ length: count }, (_, k) => ({
    id: `c${String(k).padStart(2, '0')}`,
    voice: pick(VOICES),
    variant: VARIANTS[k % VARIANTS.length],
    rate: Math.round(130 + 80 * rng()),
    pitch: Math.round(20 + 60 * rng()),
    snrDb: Math.round(15 + 20 * rng()),
  }));
}

export const espeakVersion = (): string =>
  execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' }).trim();

/**
 * Writes <dir>/<digit>_<config>.wav for every config and digit: espeak-ng's 22.05 kHz output with
 * 0.4 s of the same noise before and after the word (as a microphone hears it) and configs.json.
 */
export function generateSynthDigits(dir: string, count: number, seed: number): SynthConfig[] {
  mkdirSync(dir, { recursive: true });
  const configs = synthConfigs(count, seed);
  for (const [k, c] of configs.entries()) {
    for (const [digit, word] of SYNTH_WORDS.entries()) {
      // A file, not --stdout: a piped WAV header declares an unknown (maximal) length.
      const tmp = join(dir, 'espeak.tmp.wav');
      execFileSync('espeak-ng', [
        '-v',
        `${c.voice}+${c.variant}`,
        '-s',
        String(c.rate),
        '-p',
        String(c.pitch),
        '-w',
        tmp,
        word,
      ]);
      const { samples, sampleRate } = decodeWav(new Uint8Array(readFileSync(tmp)));
      rmSync(tmp);
      const pad = Math.round(0.4 * sampleRate);
      const x = new Float32Array(pad + samples.length + pad);
      x.set(samples, pad);
      let energy = 0;
      for (const v of samples) energy += v * v;
      const sigma = Math.sqrt(energy / Math.max(1, samples.length)) * 10 ** (-c.snrDb / 20);
      const rng = mulberry32(seed * 7919 + k * 10 + digit);
      for (let i = 0; i < x.length; i++) x[i] = Math.max(-1, Math.min(1, x[i] + sigma * gaussian(rng)));
      writeFileSync(join(dir, `${digit}_${c.id}.wav`), encodeWav16(x, sampleRate));
    }
  }
  writeFileSync(
    join(dir, 'configs.json'),
    `${JSON.stringify({ seed, espeak: espeakVersion(), configs }, null, 1)}\n`,
  );
  return configs;
}

export interface SynthRecording {
  id: string;
  digit: number;
  config: string;
  samples: Float32Array;
  sampleRate: number;
}

export function readSynthDigits(dir: string): SynthRecording[] {
  return readdirSync(dir)
    .filter((f) => /^\d_c\d+\.wav$/.test(f))
    .sort()
    .map((f) => {
      const { samples, sampleRate } = decodeWav(new Uint8Array(readFileSync(join(dir, f))));
      return { id: f.slice(0, -4), digit: Number(f[0]), config: f.slice(2, -4), samples, sampleRate };
    });
}

// WAV decoding for Node and the browser: any PCM/float WAV to mono float samples at the model's rate.
import * as wavefileModule from 'wavefile';

type WaveFileClass = typeof wavefileModule.WaveFile;
type WaveFileInstance = InstanceType<WaveFileClass>;

// Node loads wavefile's CommonJS bundle (named exports under `default`), Vite its ES module; accept both.
const interop = wavefileModule as unknown as {
  WaveFile?: WaveFileClass;
  default?: { WaveFile?: WaveFileClass };
};
const WaveFile = (interop.WaveFile ?? interop.default?.WaveFile) as WaveFileClass;

export interface DecodedWav {
  /** Mono samples in [-1, 1] (channels averaged). */
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  /** wavefile's bit depth code: '8', '16', '24', '32', '32f', '64'. */
  bitDepth: string;
}

export class WavError extends Error {
  override name = 'WavError';
}

/** Full scale of each supported code, so every depth lands in [-1, 1]. 8-bit WAV is unsigned around 128. */
function normaliser(bitDepth: string): (v: number) => number {
  switch (bitDepth) {
    case '8':
      return (v) => (v - 128) / 128;
    case '16':
      return (v) => v / 32768;
    case '24':
      return (v) => v / 8388608;
    case '32':
      return (v) => v / 2147483648;
    case '32f':
    case '64':
      return (v) => v;
    default:
      throw new WavError(`unsupported WAV bit depth ${bitDepth} (PCM 8/16/24/32 or float 32/64 only)`);
  }
}

interface FmtChunk {
  sampleRate: number;
  numChannels: number;
}

export function decodeWav(bytes: Uint8Array): DecodedWav {
  let wav: WaveFileInstance;
  try {
    wav = new WaveFile(bytes);
  } catch (e) {
    throw new WavError(`not a readable WAV file: ${(e as Error).message}`);
  }
  const fmt = wav.fmt as FmtChunk;
  const norm = normaliser(wav.bitDepth);
  const raw = wav.getSamples(false) as unknown as Float64Array | Float64Array[];
  const channels = Array.isArray(raw) ? raw : [raw];
  const n = channels[0].length;
  const samples = new Float32Array(n);
  for (const ch of channels) {
    for (let i = 0; i < n; i++) samples[i] += norm(ch[i]) / channels.length;
  }
  return { samples, sampleRate: fmt.sampleRate, channels: fmt.numChannels, bitDepth: wav.bitDepth };
}

/**
 * Resamples mono float samples with wavefile's windowed-sinc interpolator behind its zero-phase
 * Butterworth low-pass (order 16, run forwards and backwards), which removes content above the new
 * Nyquist frequency before decimation (tests/unit/features/wav.test.ts measures the rejection).
 */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples.slice();
  const wav = new WaveFile();
  wav.fromScratch(1, fromRate, '32f', samples);
  wav.toSampleRate(toRate, { method: 'sinc', LPF: true, LPFType: 'IIR' });
  return Float32Array.from(wav.getSamples(false) as unknown as Float64Array);
}

/** Decodes any supported WAV to mono at `rate` Hz. */
export function wavToMono(bytes: Uint8Array, rate: number): Float32Array {
  const d = decodeWav(bytes);
  return resample(d.samples, d.sampleRate, rate);
}

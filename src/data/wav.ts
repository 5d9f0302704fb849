// WAV decoding for Node and the browser: any PCM/float WAV to mono float samples at the model's rate.
// The header is read and bounded first (wav-header.ts); samples are then decoded straight into one
// mono Float32Array, in frame ranges so a worker can decode a long file in slices.
import { createResampler, resample } from './resample';
import { readWavHeader, WavError, type WavHeader } from './wav-header';

export { resample } from './resample';
export { readWavHeader, WAV_LIMITS, WavError, type WavHeader } from './wav-header';

export interface DecodedWav {
  /** Mono samples in [-1, 1] (channels averaged). */
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  /** Bit depth code: '8', '16', '24', '32' (PCM) or '32f', '64' (float). */
  bitDepth: string;
}

/** Byte offset of the data chunk's first sample. */
function dataOffset(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    if (view.getUint32(at, false) === 0x64617461) return at + 8; // 'data'
    at += 8 + size + (size & 1);
  }
  throw new WavError('no data chunk');
}

type SampleReader = (view: DataView, at: number) => number;

/** Reads one sample at a byte offset, scaled to [-1, 1]. 8-bit WAV is unsigned around 128. */
function sampleReader(h: WavHeader): SampleReader {
  if (h.format === 3) {
    return h.bitsPerSample === 32 ? (v, at) => v.getFloat32(at, true) : (v, at) => v.getFloat64(at, true);
  }
  switch (h.bitsPerSample) {
    case 8:
      return (v, at) => (v.getUint8(at) - 128) / 128;
    case 16:
      return (v, at) => v.getInt16(at, true) / 32768;
    case 24:
      return (v, at) =>
        ((v.getUint8(at + 2) << 24) | (v.getUint8(at + 1) << 16) | (v.getUint8(at) << 8)) / 2147483648;
    default:
      return (v, at) => v.getInt32(at, true) / 2147483648;
  }
}

/** Decodes sample frames [from, to) into out (mono, channels averaged). */
export type MonoDecoder = (from: number, to: number, out: Float32Array) => void;

export function monoDecoder(bytes: Uint8Array, h: WavHeader): MonoDecoder {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = dataOffset(bytes);
  const read = sampleReader(h);
  const width = h.bitsPerSample / 8;
  const frameBytes = width * h.channels;
  return (from, to, out) => {
    for (let f = from; f < to; f++) {
      let sum = 0;
      for (let c = 0, at = start + f * frameBytes; c < h.channels; c++, at += width) sum += read(view, at);
      out[f] = sum / h.channels;
    }
  };
}

export function decodeWav(bytes: Uint8Array): DecodedWav {
  const h = readWavHeader(bytes);
  const samples = new Float32Array(h.frames);
  monoDecoder(bytes, h)(0, h.frames, samples);
  const bitDepth = h.format === 3 ? (h.bitsPerSample === 32 ? '32f' : '64') : String(h.bitsPerSample);
  return { samples, sampleRate: h.sampleRate, channels: h.channels, bitDepth };
}

/** Decodes any supported WAV to mono at `rate` Hz. */
export function wavToMono(bytes: Uint8Array, rate: number): Float32Array {
  const d = decodeWav(bytes);
  return resample(d.samples, d.sampleRate, rate);
}

export { createResampler };

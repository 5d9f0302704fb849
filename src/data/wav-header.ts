// Reads and bounds a WAV file's header before anything is decoded or allocated: a hostile header
// (a 1 Hz rate, 65535 channels, a data chunk that claims 4 GB) is refused with a WavError that names
// the field, instead of costing seconds of resampling or gigabytes of arrays.

export class WavError extends Error {
  override name = 'WavError';
}

/** Bounds on what a WAV file may declare. Speech never needs more; a bigger value means a broken file. */
export const WAV_LIMITS = {
  maxFileBytes: 128 * 1024 * 1024,
  minSampleRate: 2000,
  maxSampleRate: 384_000,
  maxChannels: 16,
  /** Longest recording the lab takes (ten minutes). */
  maxSeconds: 600,
  /** Sample frames: the mono Float32Array stays under 128 MiB (ten minutes at 48 kHz fit). */
  maxFrames: 32 * 1024 * 1024,
} as const;

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

export interface WavHeader {
  /** 1 = PCM integer, 3 = IEEE float (an extensible header's sub-format). */
  format: 1 | 3;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Sample frames in the data chunk. */
  frames: number;
  seconds: number;
}

function ascii(view: DataView, at: number): string {
  return String.fromCharCode(
    view.getUint8(at),
    view.getUint8(at + 1),
    view.getUint8(at + 2),
    view.getUint8(at + 3),
  );
}

interface Fmt {
  format: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function readFmt(view: DataView, at: number, size: number): Fmt {
  if (size < 16) throw new WavError(`fmt chunk: ${size} bytes, a WAV needs at least 16`);
  let format = view.getUint16(at, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  if (format === EXTENSIBLE) {
    if (size < 40) throw new WavError(`fmt chunk: extensible format needs 40 bytes, has ${size}`);
    // The sub-format GUID starts with the plain format code.
    format = view.getUint16(at + 24, true);
  }
  return {
    format,
    channels: view.getUint16(at + 2, true),
    sampleRate: view.getUint32(at + 4, true),
    blockAlign: view.getUint16(at + 12, true),
    bitsPerSample,
  };
}

function checkFmt(fmt: Fmt): asserts fmt is Fmt & { format: 1 | 3 } {
  const { format, channels, sampleRate, blockAlign, bitsPerSample } = fmt;
  if (format !== PCM && format !== FLOAT) {
    throw new WavError(`audio format ${format}: only PCM (1) and IEEE float (3) WAV files are supported`);
  }
  if (channels < 1 || channels > WAV_LIMITS.maxChannels) {
    throw new WavError(`channels: ${channels}, expected 1 to ${WAV_LIMITS.maxChannels}`);
  }
  if (sampleRate < WAV_LIMITS.minSampleRate || sampleRate > WAV_LIMITS.maxSampleRate) {
    throw new WavError(
      `sample rate: ${sampleRate} Hz, expected ${WAV_LIMITS.minSampleRate} to ${WAV_LIMITS.maxSampleRate} Hz`,
    );
  }
  const depths = format === PCM ? [8, 16, 24, 32] : [32, 64];
  if (!depths.includes(bitsPerSample)) {
    const kind = format === PCM ? 'PCM' : 'float';
    throw new WavError(`bits per sample: ${bitsPerSample}, ${kind} WAV supports ${depths.join('/')}`);
  }
  if (blockAlign !== (channels * bitsPerSample) / 8) {
    throw new WavError(
      `block align: ${blockAlign}, expected channels × bytes per sample = ${(channels * bitsPerSample) / 8}`,
    );
  }
}

/** Walks the RIFF chunks of a WAV file and validates fmt and data against WAV_LIMITS. */
export function readWavHeader(bytes: Uint8Array): WavHeader {
  if (bytes.length > WAV_LIMITS.maxFileBytes) {
    throw new WavError(`file size: ${bytes.length} bytes, over the ${WAV_LIMITS.maxFileBytes}-byte limit`);
  }
  if (bytes.length < 12) throw new WavError('not a WAV file: shorter than a RIFF header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(view, 0) !== 'RIFF' || ascii(view, 8) !== 'WAVE') {
    throw new WavError('not a WAV file: no RIFF/WAVE signature');
  }
  let fmt: Fmt | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(view, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (body + size > bytes.length) throw new WavError('fmt chunk: runs past the end of the file');
      fmt = readFmt(view, body, size);
      checkFmt(fmt);
    } else if (id === 'data') {
      if (!fmt) throw new WavError('data chunk before the fmt chunk');
      checkFmt(fmt);
      const available = bytes.length - body;
      if (size > available) {
        throw new WavError(
          `data chunk: declares ${size} bytes, the file holds ${available} after its header`,
        );
      }
      const frames = Math.floor(size / fmt.blockAlign);
      const seconds = frames / fmt.sampleRate;
      if (seconds > WAV_LIMITS.maxSeconds) {
        throw new WavError(
          `duration: ${seconds.toFixed(1)} s, the lab takes recordings up to ${WAV_LIMITS.maxSeconds} s`,
        );
      }
      if (frames > WAV_LIMITS.maxFrames) {
        throw new WavError(
          `data chunk: ${frames} sample frames, over the ${WAV_LIMITS.maxFrames}-frame limit`,
        );
      }
      if (frames === 0) throw new WavError('data chunk: no samples');
      return { ...fmt, frames, seconds };
    }
    // Chunks are padded to an even size.
    at = body + size + (size & 1);
  }
  throw new WavError(fmt ? 'no data chunk' : 'no fmt chunk');
}

// Log-mel features of a signal that arrives in pieces (a microphone), frame by frame as soon as a
// frame's window is complete: the same analyser, normalisation and quantization as logMelCodes, so
// the codes streamed equal the codes of the whole recording (tests/unit/features/logmel-stream.test.ts).
import { createNormaliser, type LogMelSpec, logMelAnalyser, quantizeCodes } from './logmel';

export interface LogMelFrames {
  /** Natural-log mel energies of the new frames, frame-major (before normalisation). */
  energies: Float32Array;
  /**
   * RMS level in dBFS of each new frame's first hop of samples (−inf for digital silence), for the
   * level meter and the endpoint gate: the hop a frame starts with, so a frame counts as speech once
   * its window starts in speech, as the first frame of a word trimmed at the sample does.
   */
  levels: Float64Array;
}

/** Energies of complete frames of a growing signal (mono, at spec.sampleRate). */
export interface LogMelEnergyStream {
  push(samples: Float32Array): LogMelFrames;
  /** The end: a recording shorter than one window still gives its one zero-padded frame. */
  flush(): LogMelFrames;
}

export function createLogMelEnergyStream(spec: LogMelSpec): LogMelEnergyStream {
  const analyser = logMelAnalyser(spec);
  const { windowLength: wl, hop, bands } = spec;
  // buf[0] is sample `framesDone * hop`: the start of the next frame's window.
  let buf = new Float32Array(0);
  let framesDone = 0;
  const run = (count: number, view: Float32Array): LogMelFrames => {
    const energies = new Float32Array(count * bands);
    analyser.run(view, 0, count, energies);
    const levels = new Float64Array(count);
    for (let f = 0; f < count; f++) {
      let sum = 0;
      const end = Math.min(view.length, f * hop + hop);
      for (let i = f * hop; i < end; i++) sum += view[i] * view[i];
      levels[f] = 10 * Math.log10(sum / hop);
    }
    framesDone += count;
    return { energies, levels };
  };
  return {
    push(samples) {
      const grown = new Float32Array(buf.length + samples.length);
      grown.set(buf);
      grown.set(samples, buf.length);
      buf = grown;
      const count = buf.length < wl ? 0 : 1 + Math.floor((buf.length - wl) / hop);
      const out = run(count, buf);
      buf = buf.slice(count * hop);
      return out;
    },
    flush() {
      // frameCount: at least one frame, however short the recording.
      if (framesDone > 0) return { energies: new Float32Array(0), levels: new Float64Array(0) };
      return run(1, buf);
    },
  };
}

/** Normalisation and quantization carried across pieces: the whole-file path's normaliser, frame by frame. */
export interface CodeStream {
  /** Codes (frame-major) of the next frames' energies; the first frame given starts the state. */
  push(energies: Float32Array): Int8Array;
}

export function createCodeStream(spec: LogMelSpec): CodeStream {
  const norm = createNormaliser(spec);
  return { push: (energies) => quantizeCodes(norm.push(energies), spec.activation) };
}

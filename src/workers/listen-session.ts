// One always-on listening session in a worker: frames (a long recording's codes) or microphone
// samples (resampled and turned into codes by the streaming log-mel path, no endpointing: it never
// stops on its own) go through the delta and the dense network side by side, and each reply says
// what every new frame emitted and cost.
import { createStreamResampler, type StreamResampler } from '../data/resample';
import type { CompiledModel } from '../engine/compile';
import type { LogMelSpec } from '../engine/features/logmel';
import {
  type CodeStream,
  createCodeStream,
  createLogMelEnergyStream,
  type LogMelEnergyStream,
} from '../engine/features/logmel-stream';
import { createListener, type Listener } from '../engine/transcribe';
import type { Thresholds } from '../engine/types';
import type { ListenReply } from './api';
import { EngineError } from './errors';

/** One call takes at most this many frames (the page sends what is due, a few at a time). */
export const MAX_LISTEN_FRAMES = 1000;

interface Microphone {
  rs: StreamResampler;
  es: LogMelEnergyStream;
  cs: CodeStream;
}

export class ListenSession {
  private readonly listener: Listener;
  private readonly mic: Microphone | null;

  constructor(
    private readonly cm: CompiledModel,
    th: Thresholds,
    blank: number,
    framesPerSecond: number,
    audio: { spec: LogMelSpec; inputRate: number } | null,
  ) {
    this.listener = createListener(cm, th, { blank, framesPerSecond });
    this.mic = audio && {
      rs: createStreamResampler(audio.inputRate, audio.spec.sampleRate),
      es: createLogMelEnergyStream(audio.spec),
      cs: createCodeStream(audio.spec),
    };
  }

  /** Feature codes, frame-major (a recording of the pack played as if heard now). */
  frames(codes: Int8Array, frames: number): ListenReply {
    if (!Number.isInteger(frames) || frames < 0 || frames > MAX_LISTEN_FRAMES) {
      throw new EngineError('format', `listen: ${frames} frames, at most ${MAX_LISTEN_FRAMES} a call`);
    }
    if (codes.length !== frames * this.cm.inputSize) {
      throw new EngineError(
        'format',
        `listen: ${frames} frames need ${frames * this.cm.inputSize} codes, got ${codes.length}`,
      );
    }
    return this.reply(codes, frames, Number.NEGATIVE_INFINITY);
  }

  /** Microphone samples at the session's input rate. */
  samples(samples: Float32Array): ListenReply {
    if (!this.mic)
      throw new EngineError('format', 'listen: this session takes frames, not microphone samples');
    const f = this.mic.es.push(this.mic.rs.push(samples));
    let level = Number.NEGATIVE_INFINITY;
    for (const l of f.levels) level = Math.max(level, l);
    const codes = this.mic.cs.push(f.energies);
    return this.reply(codes, codes.length / this.cm.inputSize, level);
  }

  private reply(codes: Int8Array, frames: number, level: number): ListenReply {
    const batch = this.listener.push(codes, frames);
    return { ...batch, codes: codes.slice(), level, totals: this.listener.totals() };
  }
}

// One microphone recording in a worker: samples arrive at the device's rate in pieces, are
// resampled, turned into log-mel codes frame by frame (the streaming twins of the whole-file
// path, equal to it) and endpointed, so the page can run the network on the codes while the
// person is still speaking, and gets the trimmed recording at the end.
import { createStreamResampler, type StreamResampler } from '../data/resample';
import { encodeWav16 } from '../data/wav-write';
import {
  createEndpointGate,
  DEFAULT_GATE,
  type EndpointGate,
  type GateState,
} from '../engine/features/endpoint';
import type { LogMelSpec } from '../engine/features/logmel';
import {
  type CodeStream,
  createCodeStream,
  createLogMelEnergyStream,
  type LogMelEnergyStream,
  type LogMelFrames,
} from '../engine/features/logmel-stream';
import type { VoiceBatch, VoiceRecording } from './api';
import { EngineError } from './errors';

/** A session listens at most this long; a word is cut at MAX_SPEECH_SECONDS (the gate then ends it). */
export const MAX_LISTEN_SECONDS = 60;
export const MAX_SPEECH_SECONDS = 10;

/** A growing Float32Array (amortised doubling). */
class Grow {
  data = new Float32Array(1024);
  length = 0;
  add(x: Float32Array) {
    if (this.length + x.length > this.data.length) {
      const next = new Float32Array(Math.max(this.data.length * 2, this.length + x.length));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(x, this.length);
    this.length += x.length;
  }
}

export class VoiceSession {
  private readonly rs: StreamResampler;
  private readonly es: LogMelEnergyStream;
  private readonly cs: CodeStream;
  private readonly gate: EndpointGate;
  private readonly samples = new Grow();
  private readonly energies = new Grow();
  private readonly codes: Int8Array[] = [];
  /** Frames seen, and frames coded (from gate.start on). */
  private frames = 0;
  private coded = 0;
  private cut = false;
  private full = false;

  constructor(
    private readonly spec: LogMelSpec,
    inputRate: number,
  ) {
    this.rs = createStreamResampler(inputRate, spec.sampleRate);
    this.es = createLogMelEnergyStream(spec);
    this.cs = createCodeStream(spec);
    const overhangFrames = Math.ceil(spec.windowLength / spec.hop) - 1;
    this.gate = createEndpointGate({ ...DEFAULT_GATE, overhangFrames });
  }

  push(input: Float32Array): VoiceBatch {
    if (this.samples.length >= MAX_LISTEN_SECONDS * this.spec.sampleRate) {
      this.full = true;
      return this.batch(new Float64Array(0), null);
    }
    const x = this.rs.push(input);
    this.samples.add(x);
    return this.take(this.es.push(x));
  }

  /** The end of the recording: the trimmed codes and samples, or a 'format' error for silence only. */
  stop(): VoiceRecording {
    const tail = this.rs.flush();
    this.samples.add(tail);
    this.take(this.es.push(tail));
    this.take(this.es.flush());
    const { start, end } = this.gate;
    if (start < 0) {
      throw new EngineError(
        'format',
        'silence only: no speech was heard (speak closer to the microphone, or louder)',
      );
    }
    const { bands, hop, windowLength: wl, sampleRate } = this.spec;
    const all = new Int8Array(this.coded * bands);
    let at = 0;
    for (const c of this.codes) {
      all.set(c, at);
      at += c.length;
    }
    const length = Math.min(end - start, this.coded);
    const s0 = start * hop;
    const s1 = Math.min(this.samples.length, (start + length - 1) * hop + wl);
    const wav = encodeWav16(this.samples.data.subarray(s0, s1), sampleRate);
    return {
      frames: all.slice(0, length * bands),
      length,
      inputSize: bands,
      fracBits: this.spec.activation.fracBits,
      wav: wav.buffer as ArrayBuffer,
      seconds: (s1 - s0) / sampleRate,
      cut: this.cut,
    };
  }

  private take(f: LogMelFrames): VoiceBatch {
    this.energies.add(f.energies);
    this.frames += f.levels.length;
    const before = this.gate.state;
    if (before !== 'ended') this.gate.push(f.levels);
    const maxFrames = Math.round((MAX_SPEECH_SECONDS * this.spec.sampleRate) / this.spec.hop);
    const { start } = this.gate;
    let fresh: Int8Array | null = null;
    if (start >= 0 && before !== 'ended') {
      const upTo = Math.min(this.gate.state === 'ended' ? this.gate.end : this.frames, start + maxFrames);
      const from = start + this.coded;
      if (upTo > from) {
        const b = this.spec.bands;
        const c = this.cs.push(this.energies.data.slice(from * b, upTo * b));
        this.codes.push(c);
        fresh = c;
        this.coded = upTo - start;
      }
      // A word longer than MAX_SPEECH_SECONDS is cut there and the recording ends.
      if (this.coded >= maxFrames) this.cut = true;
    }
    return this.batch(f.levels, fresh);
  }

  private batch(levels: Float64Array, fresh: Int8Array | null): VoiceBatch {
    let level = Number.NEGATIVE_INFINITY;
    for (const l of levels) level = Math.max(level, l);
    // A copy: the reply's buffer goes to the page, the session keeps its own.
    const frames = fresh ? fresh.slice() : new Int8Array(0);
    const state: GateState = this.cut || this.full ? 'ended' : this.gate.state;
    return { frames, length: this.coded, level, state };
  }
}

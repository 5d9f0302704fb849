// The listening half of an engine worker: always-on sessions of CTC models, by id.
import type { CompiledModel } from '../engine/compile';
import { ctcBlank } from '../engine/ctc';
import type { LogMelSpec } from '../engine/features/logmel';
import type { Model, NumericMode } from '../engine/types';
import type { ListenInfo, ListenReply, ListenStartRequest } from './api';
import { EngineError } from './errors';
import { ListenSession } from './listen-session';

export interface ListenHost {
  model(id: string): Model;
  compiled(id: string, mode: NumericMode): CompiledModel;
  /** The model's log-mel spec (throws for a model without one). */
  audioSpec(id: string): LogMelSpec;
}

export class ListenService {
  private readonly sessions = new Map<string, ListenSession>();

  constructor(private readonly host: ListenHost) {}

  start(req: ListenStartRequest): ListenInfo {
    const model = this.host.model(req.modelId);
    const cm = this.host.compiled(req.modelId, req.mode);
    const blank = ctcBlank(cm);
    if (blank === null || model.outputAt !== 'every') {
      throw new EngineError(
        'format',
        `model '${req.modelId}' does not decode per frame (no CTC blank): it cannot listen`,
      );
    }
    const spec = this.host.audioSpec(req.modelId);
    const mic = req.sampleRate !== undefined;
    if (mic && (!Number.isFinite(req.sampleRate) || req.sampleRate! < 8000 || req.sampleRate! > 384_000)) {
      throw new EngineError('format', `microphone rate: ${req.sampleRate} Hz, expected 8 to 384 kHz`);
    }
    const audio = mic ? { spec, inputRate: req.sampleRate! } : null;
    const framesPerSecond = spec.sampleRate / spec.hop;
    this.sessions.set(req.sessionId, new ListenSession(cm, req.thresholds, blank, framesPerSecond, audio));
    return { framesPerSecond };
  }

  frames(sessionId: string, codes: Int8Array, frames: number): ListenReply {
    return this.session(sessionId).frames(codes, frames);
  }

  samples(sessionId: string, samples: Float32Array): ListenReply {
    return this.session(sessionId).samples(samples);
  }

  stop(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  private session(id: string): ListenSession {
    const s = this.sessions.get(id);
    if (!s) throw new EngineError('not-found', `no listening session '${id}' (listenStart first)`);
    return s;
  }
}

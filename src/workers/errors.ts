// Typed errors across the worker boundary. Comlink only keeps message/name/stack of a thrown Error,
// so the worker throws a plain EngineErrorInfo object (structured-clonable) and the client rebuilds it.
import type { EngineErrorInfo, EngineErrorKind } from './api';

export class EngineError extends Error {
  readonly kind: EngineErrorKind;

  constructor(kind: EngineErrorKind, message: string) {
    super(message);
    this.name = 'EngineError';
    this.kind = kind;
  }

  toInfo(): EngineErrorInfo {
    return { kind: this.kind, message: this.message };
  }
}

const KINDS: readonly EngineErrorKind[] = [
  'format',
  'not-found',
  'cancelled',
  'worker-died',
  'timeout',
  'internal',
];

export function isEngineErrorInfo(value: unknown): value is EngineErrorInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && KINDS.includes(v.kind as EngineErrorKind);
}

const FORMAT_ERRORS = ['FormatError', 'WavError', 'FeatureSpecError'];

/** Classifies anything thrown inside the worker. Engine errors are recognised by name, not class,
 * so this module does not import the engine. */
export function toEngineErrorInfo(error: unknown): EngineErrorInfo {
  if (error instanceof EngineError) return error.toInfo();
  if (isEngineErrorInfo(error)) return { kind: error.kind, message: error.message };
  if (error instanceof Error) {
    // Files a user can hand in: models and packs, WAV audio, a model's feature declaration.
    if (FORMAT_ERRORS.includes(error.name)) return { kind: 'format', message: error.message };
    if (error.name === 'CancelledError') return { kind: 'cancelled', message: error.message };
    return { kind: 'internal', message: `${error.name}: ${error.message}` };
  }
  return { kind: 'internal', message: String(error) };
}

/** What the client turns any rejection from a worker call into. */
export function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  const info = toEngineErrorInfo(error);
  return new EngineError(info.kind, info.message);
}

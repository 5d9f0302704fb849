// Errors the engine throws on purpose, so callers (workers, tools) can tell them from bugs.

/** Thrown by long evaluations when their shouldStop() callback returns true (polled between items). */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

// How long the page went without a worker after one died: from the moment the pool noticed the death
// (or the worker's silence, when it went silent first) to the first result served in its place, by a
// hedge on the spare or by the replacement (a lost spare: to its successor being ready). Published
// as a User Timing measure, so DevTools' performance panel and the browser tests can read it without
// any handle on the pool.

export const RECOVERY_MEASURE = 'deltalab:worker-recovery';
/** Marked when a replacement worker (a new spare, or a fresh worker for a slot) holds everything. */
export const REPLACEMENT_READY_MARK = 'deltalab:replacement-ready';

export interface RecoveryDetail {
  /** The slot that lost its worker; -1 for the spare. */
  slot: number;
  cause: string;
  /** When the silence or death was noticed, on the page's clock (performance.timeOrigin + this = epoch ms). */
  noticedAt: number;
  /** When the death itself was noticed (after noticedAt for a worker that went silent first). */
  diedAt: number;
  /** From the death to the replacement holding every model and pack; null when it already did (a spare). */
  primedMs: number | null;
}

export class Recovery {
  private readonly diedAt = performance.now();
  private readonly at: number;
  private primedMs: number | null = null;

  constructor(
    private readonly slot: number,
    private readonly cause: string,
    /** When the worker went silent, if it did before it was given up for its silence. */
    silentSince?: number,
  ) {
    this.at = silentSince ?? this.diedAt;
  }

  primed(): void {
    this.primedMs = performance.now() - this.at;
  }

  served(at = performance.now()): void {
    const detail: RecoveryDetail = {
      slot: this.slot,
      cause: this.cause,
      noticedAt: this.at,
      diedAt: this.diedAt,
      primedMs: this.primedMs,
    };
    performance.measure(RECOVERY_MEASURE, { start: this.at, end: at, detail });
  }
}

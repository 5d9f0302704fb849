// Liveness of one worker, from the worker itself: the page pings it every heartbeatMs; a ping left
// unanswered for suspectMs makes the worker suspect (the pool starts its calls on the spare as well,
// pool.ts) and one left unanswered past the hang limit means it is hung (an endless loop, a runaway
// computation). Every legitimate job yields to its message queue at least every ~12 ms
// (engine-service.ts), so a healthy worker answers within a few ms even while it works; calls that
// cannot yield (decoding a dropped file) declare how long they may stay silent. On a starved machine
// healthy answers slow down (silences of 400-650 ms were measured at load average 13); the hang
// limit then grows with this worker's own answer times and with the pool's (pace.ts).
import { Pace } from './pace';

export interface LivenessOptions {
  heartbeatMs: number;
  /** A ping unanswered this long makes a started worker suspect, unless the silence is tolerated. */
  suspectMs: number;
  /**
   * A ping unanswered this long, once the worker has started, means it is hung. On a loaded machine
   * the limit grows with the answer times seen lately (as TCP's retransmission timeout does, and to
   * twice the slowest recent answer of any worker in the pool), up to maxHangMs, so a worker that is
   * slow because it shares a busy core is not taken for a hung one.
   */
  hangMs: number;
  maxHangMs: number;
  /** How long a new worker may take to load its script and answer the first ping. */
  startupMs: number;
}

/**
 * A hung worker is suspect within about suspectMs + a heartbeat, which is what bounds recovery (its
 * calls run on the spare from then on). Killing it can then wait for a silence no starved machine
 * explains: at least a second, longer when answers have been slow, so no healthy worker is
 * terminated (a runaway worker also slows its peers down while it spins).
 */
export const DEFAULT_LIVENESS: LivenessOptions = {
  heartbeatMs: 50,
  suspectMs: 200,
  hangMs: 1000,
  maxHangMs: 4000,
  startupMs: 20_000,
};

export interface LivenessEvents {
  onHung(message: string): void;
  /** The worker went silent past suspectMs (true), or answered again (false). */
  onSuspect?(suspect: boolean): void;
}

export class Liveness {
  private readonly timer: ReturnType<typeof setInterval>;
  private pingSentAt: number | null = null;
  /** When the outstanding ping left; unlike pingSentAt, a stalled page does not move it. */
  private pingLeftAt = 0;
  private started = false;
  private lastTick = performance.now();
  private readonly allowances = new Map<number, number>();
  private nextAllowance = 0;
  private stopped = false;
  private suspect = false;
  /** The outstanding ping was sent, or waited on, while a silence was tolerated. */
  private pingTolerated = false;
  /** How late the page's own heartbeat ticks ran since the outstanding ping was sent. */
  private lateness = 0;
  /** Smoothed answer time and its mean deviation (RFC 6298). */
  private srtt = 0;
  private rttvar = 0;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly options: LivenessOptions,
    private readonly events: LivenessEvents,
    /** Answer times of the whole pool; a worker alone gets a pace of its own. */
    private readonly pace: Pace = new Pace(),
  ) {
    this.timer = setInterval(() => this.tick(), options.heartbeatMs);
    this.send(this.lastTick);
  }

  /** Tolerates up to ms of silence until the returned function is called (a call that cannot yield). */
  tolerate(ms: number): () => void {
    const id = this.nextAllowance++;
    this.allowances.set(id, ms);
    this.pingTolerated = true;
    return () => this.allowances.delete(id);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private limit(): number {
    if (!this.started) return this.options.startupMs;
    const adaptive = Math.min(
      this.options.maxHangMs,
      Math.max(this.srtt + 8 * this.rttvar, 2 * this.pace.current()),
    );
    return Math.max(this.options.hangMs, adaptive, ...this.allowances.values());
  }

  private tick(): void {
    if (this.stopped) return;
    const now = performance.now();
    // The page itself did not run for a while (busy main thread, throttled background tab): the
    // worker's answer may be waiting in the queue, so start the wait again instead of judging it.
    const gap = now - this.lastTick;
    const pageStalled = gap > 3 * this.options.heartbeatMs;
    this.lastTick = now;
    // Ticks late by more than timer jitter (half a beat) mean the machine is short of CPU; the worker
    // shares it, so it gets twice that much more time.
    this.lateness += Math.max(0, gap - 1.5 * this.options.heartbeatMs);
    if (this.pingSentAt === null) {
      this.send(now);
      return;
    }
    if (pageStalled) {
      this.pingSentAt = now;
      this.lateness = 0;
    }
    const silent = now - this.pingSentAt;
    if (silent > this.limit() + 2 * this.lateness) {
      this.stop();
      this.events.onHung(
        this.started
          ? `the engine worker stopped answering (no reply for ${Math.round(silent)} ms)`
          : `the engine worker did not start within ${Math.round(silent)} ms`,
      );
      return;
    }
    // Suspicion costs no worker, so a stalled page does not postpone it.
    const waited = now - this.pingLeftAt;
    if (!this.suspect && this.started && this.allowances.size === 0 && waited > this.options.suspectMs) {
      this.suspect = true;
      this.events.onSuspect?.(true);
    }
  }

  private send(now: number): void {
    this.pingSentAt = now;
    this.pingLeftAt = now;
    this.lateness = 0;
    this.pingTolerated = this.allowances.size > 0;
    this.ping().then(
      () => {
        if (this.stopped) return;
        const rtt = performance.now() - now;
        // A silence the worker asked for says nothing about how fast the machine is.
        if (this.started && !this.pingTolerated) {
          this.pace.note(rtt);
          this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(rtt - this.srtt);
          this.srtt = 0.875 * this.srtt + 0.125 * rtt;
        }
        this.started = true;
        this.pingSentAt = null;
        if (this.suspect) {
          this.suspect = false;
          this.events.onSuspect?.(false);
        }
      },
      () => {},
    );
  }
}

// Liveness of one worker, from the worker itself: the page pings it every heartbeatMs and a ping
// left unanswered for hangMs means the worker is hung (an endless loop, a runaway computation).
// Every legitimate job yields to its message queue at least every ~12 ms (engine-service.ts), so a
// healthy worker answers within a few ms even while it works; calls that cannot yield (decoding a
// dropped file) declare how long they may stay silent.

export interface LivenessOptions {
  heartbeatMs: number;
  /**
   * A ping unanswered this long, once the worker has started, means it is hung. On a loaded machine
   * the limit grows with the answer times seen lately (as TCP's retransmission timeout does), up to
   * maxHangMs, so a worker that is slow because it shares a busy core is not taken for a hung one.
   */
  hangMs: number;
  maxHangMs: number;
  /** How long a new worker may take to load its script and answer the first ping. */
  startupMs: number;
}

/** On a quiet machine a hung worker is replaced within about hangMs + heartbeatMs: well inside a second. */
export const DEFAULT_LIVENESS: LivenessOptions = {
  heartbeatMs: 50,
  hangMs: 400,
  maxHangMs: 4000,
  startupMs: 20_000,
};

export class Liveness {
  private readonly timer: ReturnType<typeof setInterval>;
  private pingSentAt: number | null = null;
  private started = false;
  private lastTick = performance.now();
  private readonly allowances = new Map<number, number>();
  private nextAllowance = 0;
  private stopped = false;
  /** How late the page's own heartbeat ticks ran since the outstanding ping was sent. */
  private lateness = 0;
  /** Smoothed answer time and its mean deviation (RFC 6298). */
  private srtt = 0;
  private rttvar = 0;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly options: LivenessOptions,
    private readonly onHung: (message: string) => void,
  ) {
    this.timer = setInterval(() => this.tick(), options.heartbeatMs);
    this.send(this.lastTick);
  }

  /** Tolerates up to ms of silence until the returned function is called (a call that cannot yield). */
  tolerate(ms: number): () => void {
    const id = this.nextAllowance++;
    this.allowances.set(id, ms);
    return () => this.allowances.delete(id);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private limit(): number {
    if (!this.started) return this.options.startupMs;
    const adaptive = Math.min(this.options.maxHangMs, this.srtt + 8 * this.rttvar);
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
    // Late ticks mean the machine is short of CPU; the worker shares it, so it gets that much more time.
    this.lateness += Math.max(0, gap - this.options.heartbeatMs);
    if (this.pingSentAt === null) {
      this.send(now);
      return;
    }
    if (pageStalled) {
      this.pingSentAt = now;
      this.lateness = 0;
      return;
    }
    const silent = now - this.pingSentAt;
    if (silent > this.limit() + 4 * this.lateness) {
      this.stop();
      this.onHung(
        this.started
          ? `the engine worker stopped answering (no reply for ${Math.round(silent)} ms)`
          : `the engine worker did not start within ${Math.round(silent)} ms`,
      );
    }
  }

  private send(now: number): void {
    this.pingSentAt = now;
    this.lateness = 0;
    this.ping().then(
      () => {
        const rtt = performance.now() - now;
        if (this.started) {
          this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(rtt - this.srtt);
          this.srtt = 0.875 * this.srtt + 0.125 * rtt;
        }
        this.started = true;
        this.pingSentAt = null;
      },
      () => {},
    );
  }
}

// How slowly the machine answers right now, seen from every worker of the pool at once. All workers
// share the machine's cores, so when one answers its heartbeat slowly because the machine is starved
// the others are starved too: a worker that is silent while its peers answer quickly is hung, while a
// worker that is silent when every answer is slow gets the time the machine is taking.

/** A slow answer counts in full at first and half as much every HALF_LIFE_MS after. */
const HALF_LIFE_MS = 2000;

export class Pace {
  private peak = 0;
  private at = 0;

  /** Records one answer time (ms) of any worker of the pool. */
  note(rtt: number, now = performance.now()): void {
    this.peak = Math.max(rtt, this.current(now));
    this.at = now;
  }

  /** The slowest recent answer, decayed by its age. */
  current(now = performance.now()): number {
    return this.peak * 2 ** (-(now - this.at) / HALF_LIFE_MS);
  }
}

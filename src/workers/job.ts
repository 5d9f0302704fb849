// One running pool request ("job"): its id, the workers it uses, and cancellation that rejects the
// caller at once and tells those workers to stop at their next slice.
import { EngineError } from './errors';
import type { PoolRemotes } from './pool';

/** One running request: cancelling it rejects its promise at once and tells its workers to stop. */
export class Job {
  readonly cancelled: Promise<never>;
  private rejectCancelled: (error: EngineError) => void = () => {};
  private readonly slots = new Set<number>();
  done = false;

  constructor(
    readonly id: number,
    private readonly remotes: () => PoolRemotes,
  ) {
    this.cancelled = new Promise<never>((_, reject) => {
      this.rejectCancelled = reject;
    });
    this.cancelled.catch(() => {});
  }

  uses(slot: number): void {
    this.slots.add(slot);
  }

  cancel(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.rejectCancelled(new EngineError('cancelled', reason));
    this.stopWorkers();
  }

  /** Tells every worker of this job to stop at its next slice (fire and forget). */
  stopWorkers(): void {
    const { slots, spare } = this.remotes();
    for (const slot of this.slots) slots[slot]?.cancel(this.id).catch(() => {});
    // The spare may be running a hedge of any call (pool.ts).
    spare?.cancel(this.id).catch(() => {});
  }

  async run<T>(work: Promise<T>): Promise<T> {
    work.catch(() => {});
    try {
      return await Promise.race([work, this.cancelled]);
    } catch (error) {
      // One failed part makes the others pointless.
      if (!this.done) this.stopWorkers();
      throw error;
    } finally {
      this.done = true;
    }
  }
}

// A fixed number of engine worker slots that stay usable for the life of the page. A slot's worker
// is replaced the moment it dies: an 'error' event, its own close() (lifecycle.ts), a heartbeat it
// stops answering (liveness.ts), or a call that ran past its time limit. The replacement is primed
// (models and packs reloaded) before it takes calls, and a call that was running on a dead worker is
// run once more on the fresh one. Replacement never gives up; repeated deaths only back off.
import * as Comlink from 'comlink';
import type { EngineWorkerApi, WorkerStats } from './api';
import { CallTimer } from './call-timer';
import { EngineError, toEngineError } from './errors';
import { isExitMessage } from './lifecycle';
import { DEFAULT_LIVENESS, Liveness, type LivenessOptions } from './liveness';

/** The part of a DOM Worker the pool uses (tests adapt Node worker threads to it). */
export type WorkerLike = Pick<
  Worker,
  'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'
>;

export type RemoteEngine = Comlink.Remote<EngineWorkerApi>;

/** Replays loaded models and packs into a replacement worker. */
export type PrimeFn = (remote: RemoteEngine) => Promise<void>;

/** After the second death in a row a slot waits before it starts again: 250 ms, doubling to 8 s. */
const BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 8000;

export interface CallOptions {
  /** Rejects with kind 'timeout' when nothing happens for this long; touch() restarts the clock. */
  timeoutMs: number;
  /** The worker may not answer pings during this call (it cannot yield), up to timeoutMs. */
  blocking?: boolean;
}

export interface CallHandle {
  /** Restarts the inactivity clock (progress arrived); a no-op once the call is over. */
  touch(): void;
}

/** Why workers were replaced, for diagnostics and tests. */
export type PoolStats = WorkerStats;

interface Slot {
  index: number;
  remote: RemoteEngine;
  /** Settles when the slot is primed; calls wait for it. */
  ready: Promise<void>;
  /**
   * A promise that rejects when this worker instance dies, one per call. Not one shared promise:
   * Promise.race against a promise that never settles keeps every result raced against it alive
   * (each race leaves a reaction on it), which leaked every trace a worker ever returned.
   */
  death(): { died: Promise<never>; forget(): void };
  dead: boolean;
  liveness: Liveness;
  stop: (error: EngineError) => void;
}

export interface PoolOptions {
  liveness?: Partial<LivenessOptions>;
  /** How long reloading everything into a replacement may keep the worker from answering pings. */
  primeMs?: number;
}

type Cause = 'errors' | 'exits' | 'hangs' | 'timeouts';

export class WorkerPool {
  readonly stats: PoolStats = {
    spawned: 0,
    primed: 0,
    errors: 0,
    exits: 0,
    hangs: 0,
    timeouts: 0,
    retries: 0,
  };
  private readonly slots: Slot[] = [];
  /** Deaths of each slot since its last successful call. */
  private readonly deaths: number[];
  private readonly liveness: LivenessOptions;
  private readonly primeMs: number;
  private disposed = false;

  constructor(
    readonly size: number,
    private readonly create: () => WorkerLike,
    private readonly prime: PrimeFn,
    options: PoolOptions = {},
  ) {
    this.liveness = { ...DEFAULT_LIVENESS, ...options.liveness };
    this.primeMs = options.primeMs ?? 30_000;
    this.deaths = new Array<number>(size).fill(0);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(i, 0, false));
  }

  /**
   * Runs fn on slot `index`; rejects with an EngineError (timeout, worker-died or what the worker
   * threw). A call whose worker died under it runs once more on the replacement.
   */
  async call<T>(
    index: number,
    fn: (remote: RemoteEngine, handle: CallHandle) => Promise<T>,
    options: CallOptions,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.disposed) throw new EngineError('cancelled', 'the engine client was disposed');
      try {
        const result = await this.attempt(this.slots[index], fn, options);
        this.deaths[index] = 0;
        return result;
      } catch (error) {
        const e = toEngineError(error);
        if (e.kind !== 'worker-died' || attempt > 0 || this.disposed) throw e;
        this.stats.retries++;
      }
    }
  }

  /** Every live slot's remote, for fire-and-forget messages such as cancel(). */
  remotes(): RemoteEngine[] {
    return this.slots.map((s) => s.remote);
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots) slot.stop(new EngineError('cancelled', 'the engine client was disposed'));
  }

  private async attempt<T>(
    slot: Slot,
    fn: (remote: RemoteEngine, handle: CallHandle) => Promise<T>,
    options: CallOptions,
  ): Promise<T> {
    const { died, forget } = slot.death();
    try {
      // A slot being primed (or backing off) is watched by its liveness; the call's clock starts after.
      await Promise.race([slot.ready, died]);
      return await this.run(slot, died, fn, options);
    } finally {
      forget();
    }
  }

  private async run<T>(
    slot: Slot,
    died: Promise<never>,
    fn: (remote: RemoteEngine, handle: CallHandle) => Promise<T>,
    options: CallOptions,
  ): Promise<T> {
    const timer = new CallTimer(options.timeoutMs, () =>
      this.replace(
        slot,
        'timeouts',
        new EngineError('timeout', `the engine worker did not answer within ${options.timeoutMs} ms`),
      ),
    );
    const release = options.blocking ? slot.liveness.tolerate(options.timeoutMs) : () => {};
    try {
      const work = fn(slot.remote, { touch: () => timer.touch() });
      // When death or the timeout wins the race, a late rejection of the call itself is moot.
      work.catch(() => {});
      return await Promise.race([work, died, timer.expired]);
    } finally {
      timer.end();
      release();
    }
  }

  private spawn(index: number, deaths: number, primed: boolean): Slot {
    this.stats.spawned++;
    const worker = this.create();
    const remote = Comlink.wrap<EngineWorkerApi>(worker);
    const watchers = new Set<(error: EngineError) => void>();
    let cause: EngineError | undefined;
    const slot: Slot = {
      index,
      remote,
      ready: Promise.resolve(),
      death: () => {
        let reject: (error: EngineError) => void = () => {};
        const died = new Promise<never>((_, r) => {
          reject = r;
        });
        // The call races against it; a call that ends first must not log an unhandled rejection.
        died.catch(() => {});
        if (cause) reject(cause);
        else watchers.add(reject);
        return { died, forget: () => watchers.delete(reject) };
      },
      dead: false,
      liveness: new Liveness(
        () => remote.ping(),
        this.liveness,
        (message) => this.replace(slot, 'hangs', new EngineError('worker-died', message)),
      ),
      stop: (error) => {
        if (slot.dead) return;
        slot.dead = true;
        slot.liveness.stop();
        worker.removeEventListener('error', onError);
        worker.removeEventListener('messageerror', onError);
        worker.removeEventListener('message', onMessage);
        worker.terminate();
        cause = error;
        for (const reject of watchers) reject(error);
        watchers.clear();
      },
    };
    const onError = (event: Event) => {
      // The pool handles it: the page's console need not report a worker failure it recovers from.
      event.preventDefault?.();
      const message = (event as ErrorEvent).message || 'the engine worker failed';
      this.replace(slot, 'errors', new EngineError('worker-died', message));
    };
    const onMessage = (event: Event) => {
      if (isExitMessage((event as MessageEvent).data)) {
        this.replace(slot, 'exits', new EngineError('worker-died', 'the engine worker closed itself'));
      }
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    worker.addEventListener('message', onMessage);
    const delay = deaths < 2 ? 0 : Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (deaths - 2));
    if (!primed) this.stats.primed++;
    if (primed || delay > 0) {
      slot.ready = wait(delay)
        .then(async () => {
          if (!primed) return;
          // Reloading models and packs decodes them without yielding.
          const release = slot.liveness.tolerate(this.primeMs);
          try {
            await this.prime(remote);
            this.stats.primed++;
          } finally {
            release();
          }
        })
        // A failed prime shows up as the call's own failure (not found, or the worker's death).
        .catch(() => {});
    }
    return slot;
  }

  private replace(slot: Slot, cause: Cause, error: EngineError): void {
    if (slot.dead || this.slots[slot.index] !== slot) return;
    slot.stop(error);
    this.stats[cause]++;
    if (this.disposed) return;
    const deaths = ++this.deaths[slot.index];
    this.slots[slot.index] = this.spawn(slot.index, deaths, true);
  }
}

function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

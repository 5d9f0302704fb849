// A fixed number of engine worker slots that stay usable for the life of the page. A slot's worker
// is replaced the moment it dies: an 'error' event, its own close() (lifecycle.ts), a heartbeat it
// stops answering (liveness.ts), or a call that ran past its time limit. The replacement is a warm
// spare that already holds every model and pack (starting and priming a fresh worker takes 0.2-0.5 s,
// more than half of a second's recovery budget), or else a fresh worker primed before it takes
// calls; a call that was running on a dead worker is run once more on the replacement. Before that,
// a worker that merely went silent has its calls started on the spare as well (hedge.ts): the first
// answer wins, and nothing is killed until the silence is past what a starved machine explains.
// Replacement never gives up; repeated deaths only back off.
import * as Comlink from 'comlink';
import type { EngineWorkerApi, WorkerStats } from './api';
import { CallTimer } from './call-timer';
import { EngineError, toEngineError } from './errors';
import { Hedge } from './hedge';
import { isExitMessage } from './lifecycle';
import { DEFAULT_LIVENESS, Liveness, type LivenessOptions } from './liveness';
import { Pace } from './pace';
import { REPLACEMENT_READY_MARK, Recovery } from './recovery';

/** The part of a DOM Worker the pool uses (tests adapt Node worker threads to it). */
export type WorkerLike = Pick<
  Worker,
  'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'
>;

export type RemoteEngine = Comlink.Remote<EngineWorkerApi>;

/** The slots' workers by slot index, and the spare's (it may run a hedge of any call). */
export interface PoolRemotes {
  slots: RemoteEngine[];
  spare: RemoteEngine | null;
}

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
  /** The call needs state that lives in this worker only (a microphone or road session): no hedge. */
  pinned?: boolean;
}

export interface CallHandle {
  /** Restarts the inactivity clock (progress arrived); a no-op once the call is over. */
  touch(): void;
}

/** Why workers were replaced, and how many calls were hedged on the spare, for diagnostics and tests. */
export type PoolStats = WorkerStats;

interface Slot {
  /** The slot it serves; SPARE while it waits as the spare. */
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
  /** The death this worker stands in for, until it serves its first result. */
  recovery?: Recovery;
  /** Since when the worker has been silent past suspectMs; undefined while it answers. */
  suspectSince?: number;
  /** When a hedge first answered for this worker during its current silence. */
  hedgeServedAt?: number;
  /** Starts the hedge of each call running on this worker. */
  hedges: Set<() => void>;
}

const SPARE = -1;

export interface PoolOptions {
  liveness?: Partial<LivenessOptions>;
  /** How long reloading everything into a replacement may keep the worker from answering pings. */
  primeMs?: number;
  /** Keep one extra worker started and primed to take over from a dead one at once (default true). */
  spare?: boolean;
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
    hedges: 0,
  };
  private readonly slots: Slot[] = [];
  private spare: Slot | null = null;
  /** Deaths of each slot since its last successful call. */
  private readonly deaths: number[];
  /** Spares lost in a row before one became ready. */
  private spareDeaths = 0;
  private readonly pace = new Pace();
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
    if (options.spare ?? true) this.spare = this.spawn(SPARE, 0, false);
  }

  /**
   * Runs fn on every slot (loading a model or pack), then on the spare so that it stays a copy of
   * them; resolves with the slots' answers. The spare's load runs after whatever it is doing, and a
   * spare that fails it dies (a replacement is primed from scratch).
   */
  async everywhere<T>(fn: (remote: RemoteEngine) => Promise<T>, options: CallOptions): Promise<T[]> {
    const answers = await Promise.all(this.slots.map((_, index) => this.call(index, fn, options)));
    const spare = this.spare;
    if (spare) {
      spare.ready = spare.ready.then(async () => {
        if (spare.dead) return;
        const release = spare.liveness.tolerate(options.timeoutMs);
        try {
          await fn(spare.remote);
        } catch (error) {
          this.replace(
            spare,
            'errors',
            new EngineError('worker-died', `the spare worker failed to load: ${error}`),
          );
        } finally {
          release();
        }
      });
    }
    return answers;
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
      const slot = this.slots[index];
      try {
        const result = await this.attempt(slot, fn, options);
        this.deaths[index] = 0;
        this.served(slot);
        return result;
      } catch (error) {
        const e = toEngineError(error);
        // An error the worker answered with (cancelled by a newer request, a bad input) is an answer.
        if (e.kind !== 'worker-died' && e.kind !== 'timeout') this.served(slot);
        if (e.kind !== 'worker-died' || attempt > 0 || this.disposed) throw e;
        this.stats.retries++;
      }
    }
  }

  /** The slot's worker answered: a death it stood in for is recovered. */
  private served(slot: Slot): void {
    slot.recovery?.served();
    slot.recovery = undefined;
  }

  /** Every live worker's remote, for messages such as cancel(). */
  remotes(): PoolRemotes {
    return { slots: this.slots.map((s) => s.remote), spare: this.spare?.remote ?? null };
  }

  dispose(): void {
    this.disposed = true;
    const error = new EngineError('cancelled', 'the engine client was disposed');
    for (const slot of this.slots) slot.stop(error);
    this.spare?.stop(error);
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
    const handle: CallHandle = { touch: () => timer.touch() };
    const hedge = new Hedge<T>(
      () => (options.blocking || options.pinned ? null : this.onSpare((remote) => fn(remote, handle))),
      // The job was cancelled (superseded): the spare's word on it is as good as the slot's.
      (error) => toEngineError(error).kind === 'cancelled',
    );
    const start = () => hedge.start();
    slot.hedges.add(start);
    try {
      const work = fn(slot.remote, handle);
      // When death or the timeout wins the race, a late rejection of the call itself is moot.
      work.catch(() => {});
      const outcome = hedge.race(work, Promise.race([died, timer.expired]));
      if (slot.suspectSince !== undefined) start();
      return await outcome;
    } finally {
      if (hedge.won && slot.suspectSince !== undefined) slot.hedgeServedAt ??= performance.now();
      slot.hedges.delete(start);
      timer.end();
      release();
    }
  }

  /** Runs a hedge on the spare, or returns null when there is none fit to run it. */
  private onSpare<T>(fn: (remote: RemoteEngine) => Promise<T>): Promise<T> | null {
    const spare = this.spare;
    if (!spare || spare.dead || spare.suspectSince !== undefined) return null;
    this.stats.hedges++;
    const { died, forget } = spare.death();
    return (async () => {
      try {
        await Promise.race([spare.ready, died]);
        return await Promise.race([fn(spare.remote), died]);
      } finally {
        forget();
      }
    })();
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
      hedges: new Set(),
      liveness: new Liveness(
        () => remote.ping(),
        this.liveness,
        {
          onHung: (message) => this.replace(slot, 'hangs', new EngineError('worker-died', message)),
          onSuspect: (suspect) => {
            slot.suspectSince = suspect ? performance.now() : undefined;
            slot.hedgeServedAt = undefined;
            if (suspect) for (const start of slot.hedges) start();
          },
        },
        this.pace,
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
            performance.mark(REPLACEMENT_READY_MARK);
            slot.recovery?.primed();
            if (slot.index === SPARE) {
              // A lost spare is recovered once its successor is ready to take over.
              this.spareDeaths = 0;
              slot.recovery?.served();
              slot.recovery = undefined;
            }
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
    if (slot.dead) return;
    const isSpare = slot === this.spare;
    if (!isSpare && this.slots[slot.index] !== slot) return;
    slot.stop(error);
    this.stats[cause]++;
    if (this.disposed) return;
    // Recovery began when the worker went silent; if a hedge already answered, it is over.
    const silent = cause === 'hangs' || cause === 'timeouts';
    const recovery = new Recovery(slot.index, cause, silent ? slot.suspectSince : undefined);
    // A hedge that answered during the silence already recovered the slot.
    const answered = silent ? slot.hedgeServedAt : undefined;
    if (answered !== undefined) recovery.served(answered);
    if (isSpare) {
      this.spare = this.spawn(SPARE, ++this.spareDeaths, true);
      if (answered === undefined) this.spare.recovery = recovery;
      return;
    }
    const deaths = ++this.deaths[slot.index];
    const spare = this.spare;
    // Only the first death in a row takes the spare: a slot that keeps dying (an input that kills
    // every worker it meets) backs off on fresh workers instead of burning a spare each time.
    if (spare && deaths === 1) {
      spare.index = slot.index;
      if (answered === undefined) spare.recovery = recovery;
      this.slots[slot.index] = spare;
      this.spare = this.spawn(SPARE, this.spareDeaths, true);
      return;
    }
    const fresh = this.spawn(slot.index, deaths, true);
    if (answered === undefined) fresh.recovery = recovery;
    this.slots[slot.index] = fresh;
  }
}

function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

// A fixed number of engine workers. Each call runs on one slot and is raced against the slot's
// death and a timeout; a dead or hung worker is terminated and replaced by a fresh one, which is
// primed (models and packs reloaded) before it takes calls again.
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from './api';
import { EngineError, toEngineError } from './errors';

/** The part of a DOM Worker the pool uses (tests adapt Node worker threads to it). */
export type WorkerLike = Pick<
  Worker,
  'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'
>;

export type RemoteEngine = Comlink.Remote<EngineWorkerApi>;

/** Replays loaded models and packs into a replacement worker. */
export type PrimeFn = (remote: RemoteEngine) => Promise<void>;

/** A slot that dies this many times in a row without one successful call stays dead. */
const MAX_CONSECUTIVE_DEATHS = 3;

interface Slot {
  remote: RemoteEngine;
  /** Settles when the slot is primed; calls wait for it. */
  ready: Promise<void>;
  /** Rejects callers when this worker instance dies. */
  died: Promise<never>;
  kill: (error: EngineError) => void;
  deaths: number;
}

export interface CallOptions {
  /** Rejects with kind 'timeout' when nothing happens for this long; touch() restarts the clock. */
  timeoutMs: number;
}

export interface CallHandle {
  /** Restarts the inactivity clock (progress arrived). */
  touch(): void;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private disposed = false;

  constructor(
    readonly size: number,
    private readonly create: () => WorkerLike,
    private readonly prime: PrimeFn,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(0, false));
  }

  /** Runs fn on slot `index`; rejects with an EngineError (timeout, worker-died or what the worker threw). */
  async call<T>(
    index: number,
    fn: (remote: RemoteEngine, handle: CallHandle) => Promise<T>,
    options: CallOptions,
  ): Promise<T> {
    if (this.disposed) throw new EngineError('cancelled', 'the engine client was disposed');
    const slot = this.slots[index];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const handle: CallHandle = { touch: () => {} };
    const timedOut = new Promise<never>((_, reject) => {
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const error = new EngineError(
            'timeout',
            `the engine worker did not answer within ${options.timeoutMs} ms`,
          );
          this.replace(index, slot, error);
          reject(error);
        }, options.timeoutMs);
      };
      handle.touch = arm;
      arm();
    });
    try {
      const work = slot.ready.then(() => fn(slot.remote, handle));
      // When death or the timeout wins the race, a late rejection of the call itself is moot.
      work.catch(() => {});
      const result = await Promise.race([work, slot.died, timedOut]);
      slot.deaths = 0;
      return result;
    } catch (error) {
      throw toEngineError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every live slot's remote, for fire-and-forget messages such as cancel(). */
  remotes(): RemoteEngine[] {
    return this.slots.map((s) => s.remote);
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots) slot.kill(new EngineError('cancelled', 'the engine client was disposed'));
  }

  private spawn(deaths: number, primed: boolean): Slot {
    const worker = this.create();
    const remote = Comlink.wrap<EngineWorkerApi>(worker);
    let kill: (error: EngineError) => void = () => {};
    const died = new Promise<never>((_, reject) => {
      kill = (error) => {
        worker.terminate();
        reject(error);
      };
    });
    // Callers race against `died`; a slot that never dies must not log an unhandled rejection.
    died.catch(() => {});
    const slot: Slot = { remote, ready: Promise.resolve(), died, kill, deaths };
    const onError = (event: Event) => {
      const message = (event as ErrorEvent).message || 'the engine worker failed';
      this.replace(this.slots.indexOf(slot), slot, new EngineError('worker-died', message));
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    if (primed) slot.ready = this.prime(remote).catch(() => {});
    return slot;
  }

  private replace(index: number, slot: Slot, error: EngineError): void {
    if (index < 0 || this.slots[index] !== slot) return;
    slot.kill(error);
    const deaths = slot.deaths + 1;
    if (this.disposed || deaths >= MAX_CONSECUTIVE_DEATHS) return;
    this.slots[index] = this.spawn(deaths, true);
  }
}

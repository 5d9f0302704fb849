// Waiting on the store or the clock, given up at once when the tour is stopped.
import type { LabStore } from '../store/create-store';
import type { LabState } from '../store/types';

/** Resolves true once `ready` holds, false if the signal aborts first. */
export function until(
  store: LabStore,
  ready: (s: LabState) => boolean,
  signal: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    if (ready(store.getState())) return resolve(true);
    const done = (value: boolean) => {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(false);
    const unsubscribe = store.subscribe((s) => {
      if (ready(s)) done(true);
    });
    signal.addEventListener('abort', onAbort);
  });
}

/** Resolves true after ms, false if the signal aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

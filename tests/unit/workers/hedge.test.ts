// A hedged call: the primary's answer unless the hedge answers first; the primary's worker lost
// decides only when no hedge runs or the hedge failed as well.
import { describe, expect, it } from 'vitest';
import { Hedge } from '../../../src/workers/hedge';

function deferred<T>() {
  let resolve: (v: T) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

describe('a hedge', () => {
  it('is the primary call alone until started', async () => {
    const primary = deferred<string>();
    const lost = deferred<never>();
    let launched = 0;
    const hedge = new Hedge<string>(() => {
      launched++;
      return Promise.resolve('spare');
    });
    const outcome = hedge.race(primary.promise, lost.promise);
    primary.resolve('primary');
    expect(await outcome).toBe('primary');
    expect(launched).toBe(0);
    expect(hedge.won).toBe(false);
  });

  it('answers with the spare when it comes first, once however often it is started', async () => {
    const primary = deferred<string>();
    const lost = deferred<never>();
    const spare = deferred<string>();
    let launched = 0;
    const hedge = new Hedge<string>(() => {
      launched++;
      return spare.promise;
    });
    const outcome = hedge.race(primary.promise, lost.promise);
    hedge.start();
    hedge.start();
    spare.resolve('spare');
    expect(await outcome).toBe('spare');
    primary.resolve('primary');
    expect(launched).toBe(1);
    expect(hedge.won).toBe(true);
  });

  it('waits for a running hedge when the primary worker is lost, and fails only if both do', async () => {
    const primary = deferred<string>();
    const lost = deferred<never>();
    const spare = deferred<string>();
    const hedge = new Hedge<string>(() => spare.promise);
    const outcome = hedge.race(primary.promise, lost.promise);
    hedge.start();
    lost.reject(new Error('worker died'));
    spare.resolve('spare');
    expect(await outcome).toBe('spare');

    const lost2 = deferred<never>();
    const spare2 = deferred<string>();
    const hedge2 = new Hedge<string>(() => spare2.promise);
    const outcome2 = hedge2.race(deferred<string>().promise, lost2.promise);
    hedge2.start();
    spare2.reject(new Error('spare failed'));
    lost2.reject(new Error('worker died'));
    await expect(outcome2).rejects.toThrow('worker died');
  });

  it('keeps the primary answer and error final, and ignores a hedge that fails alone', async () => {
    const primary = deferred<string>();
    const spare = deferred<string>();
    const hedge = new Hedge<string>(() => spare.promise);
    const outcome = hedge.race(primary.promise, deferred<never>().promise);
    hedge.start();
    spare.reject(new Error('not-found on the spare'));
    primary.reject(new Error('format'));
    await expect(outcome).rejects.toThrow('format');
    // A final error of the hedge (the job was cancelled) is the answer.
    const spare2 = deferred<string>();
    const cancelled = new Hedge<string>(
      () => spare2.promise,
      (e) => (e as Error).message === 'cancelled',
    );
    const answered = cancelled.race(deferred<string>().promise, deferred<never>().promise);
    cancelled.start();
    spare2.reject(new Error('cancelled'));
    await expect(answered).rejects.toThrow('cancelled');
    expect(cancelled.won).toBe(true);
    // Without a spare there is nothing to start: the loss decides.
    const lost = deferred<never>();
    const none = new Hedge<string>(() => null);
    const alone = none.race(deferred<string>().promise, lost.promise);
    none.start();
    lost.reject(new Error('worker died'));
    await expect(alone).rejects.toThrow('worker died');
  });
});

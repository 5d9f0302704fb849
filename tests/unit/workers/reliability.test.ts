// The worker bridge under the failures a long session meets, on real engine worker threads: no timer
// outlives its call, a worker that throws, closes itself or hangs is replaced at once and its request
// runs again, and replacement never gives up however often a slot dies.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluatePack, sweepPack } from '../../../src/engine/evaluate';
import type { EngineClient } from '../../../src/workers/api';
import { CallTimer } from '../../../src/workers/call-timer';
import { createEngineClient, type EngineClientOptions } from '../../../src/workers/client';
import type { PoolStats } from '../../../src/workers/pool';
import { RECOVERY_MEASURE, type RecoveryDetail } from '../../../src/workers/recovery';
import { inThread, longGrid, modelBytes, packBytes, th } from './fixtures';
import { type Fault, injectFault, nodeWorkerFactory } from './node-workers';

const clients: EngineClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
  vi.useRealTimers();
});

async function loadedClient(opts: Partial<EngineClientOptions> = {}) {
  const factory = nodeWorkerFactory();
  const client = createEngineClient({ workers: 1, createWorker: factory.create, ...opts });
  clients.push(client);
  await client.loadModel({ id: 'm', bytes: modelBytes() });
  await client.loadPack({ id: 'p', bytes: packBytes() });
  return { client, threads: factory.threads };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The thread serving a one-slot client after `deaths` deaths in a row: the first worker, then the
 * spare that took over, then a fresh worker each time (started last).
 */
function slotThread(threads: Worker[], deaths: number): Worker {
  return deaths === 0 ? threads[0] : deaths === 1 ? threads[1] : threads[threads.length - 1];
}

async function until(ok: () => boolean, ms: number): Promise<number> {
  const start = performance.now();
  while (!ok()) {
    if (performance.now() - start > ms) throw new Error(`condition not met within ${ms} ms`);
    await sleep(5);
  }
  return performance.now() - start;
}

/** Waits until every replacement has started and reloaded the model and pack (after any back-off). */
const primed = (client: EngineClient) =>
  until(() => client.stats().primed === client.stats().spawned, 20_000);

const evalReq = (x: number, h: number) => ({
  modelId: 'm',
  packId: 'p',
  thresholds: th(x, h),
  mode: 'fixed' as const,
});

describe('a call timer', () => {
  it('cannot be re-armed by progress that arrives after the call ended', async () => {
    vi.useFakeTimers();
    const expire = vi.fn();
    const timer = new CallTimer(100, expire);
    vi.advanceTimersByTime(80);
    timer.touch();
    vi.advanceTimersByTime(80);
    expect(expire).not.toHaveBeenCalled();
    timer.end();
    // A late progress message: before the fix this armed a fresh timer that nothing cleared.
    timer.touch();
    vi.advanceTimersByTime(1000);
    expect(expire).not.toHaveBeenCalled();
  });

  it('expires once when nothing happens', async () => {
    vi.useFakeTimers();
    const expire = vi.fn();
    const timer = new CallTimer(100, expire);
    const kind = timer.expired.catch((e: { kind: string }) => e.kind);
    vi.advanceTimersByTime(150);
    timer.touch();
    vi.advanceTimersByTime(500);
    expect(expire).toHaveBeenCalledTimes(1);
    expect(await kind).toBe('timeout');
  });
});

describe('the pool over real worker threads', () => {
  it('never terminates a healthy worker: many calls with progress, then idle past every timeout', async () => {
    const { client } = await loadedClient({ workers: 2, timeouts: { idleMs: 1000, callMs: 1000 } });
    for (let k = 0; k < 40; k++) {
      const sweeping = client.sweep(
        { modelId: 'm', packId: 'p', mode: 'fixed', grid: longGrid(3) },
        () => {},
      );
      await Promise.all([
        sweeping,
        client.evaluate(evalReq(k % 5, k % 3), () => {}),
        client.trace({ ...evalReq(1, 1), itemIndex: k % 4 }),
      ]);
    }
    await sleep(2500);
    // Two slots and the spare.
    expect(client.stats()).toEqual({
      spawned: 3,
      primed: 3,
      errors: 0,
      exits: 0,
      hangs: 0,
      timeouts: 0,
      retries: 0,
      // A call can be hedged on the spare when the machine is busy; that kills nothing.
      hedges: expect.any(Number),
    });
    const { cm, pack } = inThread('fixed');
    expect(await client.evaluate(evalReq(2, 1))).toEqual(evaluatePack(cm, pack, th(2, 1)));
  });

  const faults: [Fault, keyof ReturnType<EngineClient['stats']>][] = [
    ['throw', 'errors'],
    ['close', 'exits'],
    ['hang', 'hangs'],
  ];

  it.each(faults)('notices a worker that breaks by %s while idle and replaces it', async (fault, cause) => {
    const { client, threads } = await loadedClient({ liveness: { hangMs: 400 } });
    injectFault(threads[0], fault);
    const ms = await until(() => client.stats()[cause] === 1, 15_000);
    // The spare took over and a new spare started.
    expect(client.stats().spawned).toBe(3);
    // A hang is noticed by the heartbeat (hangMs, up to maxHangMs on a loaded machine), not by a
    // call's 15-30 s time limit; an error or an announced close at once.
    expect(ms).toBeLessThan(fault === 'hang' ? 5000 : 1000);
    const { cm, pack } = inThread('fixed');
    expect(await client.evaluate(evalReq(3, 2))).toEqual(evaluatePack(cm, pack, th(3, 2)));
  });

  it.each(faults)('runs a sweep again on a fresh worker when its worker breaks by %s', async (fault) => {
    const { client, threads } = await loadedClient({ liveness: { hangMs: 400 } });
    const grid = longGrid(30);
    let injected = false;
    const result = client.sweep({ modelId: 'm', packId: 'p', mode: 'fixed', grid }, () => {
      if (injected) return;
      injected = true;
      injectFault(threads[0], fault);
    });
    const { cm, pack } = inThread('fixed');
    expect(await result).toEqual(sweepPack(cm, pack, grid));
    // A dead worker's part runs again; a silent one's is answered by its hedge on the spare first.
    const stats = client.stats() as PoolStats;
    if (fault === 'hang') expect(stats.hedges).toBeGreaterThanOrEqual(1);
    else expect(stats.retries + stats.hedges).toBeGreaterThanOrEqual(1);
  });

  /** The recoveries the pool published since `since` (performance.now()). */
  const recoveries = (since: number) =>
    performance
      .getEntriesByName(RECOVERY_MEASURE)
      .filter((e) => e.startTime >= since)
      .map((e) => (e as PerformanceMeasure).detail as RecoveryDetail);

  it("hands a dead worker's slot to the warm spare, which already holds what was loaded", async () => {
    const { client, threads } = await loadedClient({ liveness: { hangMs: 300 } });
    await primed(client);
    const since = performance.now();
    const grid = longGrid(30);
    let injected = false;
    const result = client.sweep({ modelId: 'm', packId: 'p', mode: 'fixed', grid }, () => {
      if (injected) return;
      injected = true;
      injectFault(threads[0], 'throw');
    });
    const { cm, pack } = inThread('fixed');
    expect(await result).toEqual(sweepPack(cm, pack, grid));
    // On a busy machine a hedge on the spare may answer before the error event arrives.
    await until(() => client.stats().errors === 1, 5000);
    expect(client.stats()).toMatchObject({ errors: 1, hangs: 0, spawned: 3 });
    // The sweep ran again on the spare (or its hedge answered) without reloading anything into it.
    const got = recoveries(since);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ slot: 0, cause: 'errors', primedMs: null });
  });

  it('answers the call of a worker gone silent from the spare, long before it is killed', async () => {
    // A hang limit of 5 s: the hedge answers first.
    const { client, threads } = await loadedClient({ liveness: { hangMs: 5000, maxHangMs: 5000 } });
    await primed(client);
    await sleep(200);
    const since = performance.now();
    const grid = longGrid(30);
    let injected = 0;
    const result = client.sweep({ modelId: 'm', packId: 'p', mode: 'fixed', grid }, () => {
      if (injected) return;
      injected = performance.now();
      injectFault(threads[0], 'hang');
    });
    const { cm, pack } = inThread('fixed');
    expect(await result).toEqual(sweepPack(cm, pack, grid));
    const answeredAt = performance.now();
    expect(client.stats()).toMatchObject({ hangs: 0, spawned: 2 });
    expect((client.stats() as PoolStats).hedges).toBeGreaterThanOrEqual(1);
    // When the hang is declared, the recovery counts from the silence to the hedge's answer.
    await until(() => client.stats().hangs === 1, 30_000);
    const got = recoveries(since);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ slot: 0, cause: 'hangs' });
    expect(got[0].noticedAt).toBeGreaterThanOrEqual(injected);
    expect(got[0].diedAt).toBeGreaterThan(answeredAt);
    const served = performance.getEntriesByName(RECOVERY_MEASURE).at(-1) as PerformanceMeasure;
    expect(served.startTime + served.duration).toBeLessThanOrEqual(answeredAt);
  }, 45_000);

  it('keeps the new spare a copy of every model loaded after it started', async () => {
    const { client, threads } = await loadedClient();
    injectFault(threads[0], 'throw');
    await until(() => client.stats().errors === 1, 5000);
    await primed(client);
    // Loaded once the first spare had taken over: it reaches the slot and the second spare.
    await client.loadModel({ id: 'm2', bytes: modelBytes() });
    const req = { ...evalReq(2, 2), modelId: 'm2' };
    const { cm, pack } = inThread('fixed');
    expect(await client.evaluate(req)).toEqual(evaluatePack(cm, pack, th(2, 2)));
    const since = performance.now();
    injectFault(threads[1], 'close');
    await until(() => client.stats().exits === 1, 5000);
    expect(await client.evaluate(req)).toEqual(evaluatePack(cm, pack, th(2, 2)));
    expect(recoveries(since)).toMatchObject([{ slot: 0, cause: 'exits', primedMs: null }]);
    expect(client.stats().spawned).toBe(4);
  });

  it('replaces a spare that dies without disturbing the slots', async () => {
    const { client, threads } = await loadedClient();
    const since = performance.now();
    // (Closed, not hung: the spare may still be loading the model, a silence it is allowed.)
    injectFault(threads[1], 'close');
    await until(() => client.stats().exits === 1, 5000);
    await primed(client);
    expect(recoveries(since)).toMatchObject([{ slot: -1, cause: 'exits' }]);
    const { cm, pack } = inThread('fixed');
    expect(await client.evaluate(evalReq(1, 1))).toEqual(evaluatePack(cm, pack, th(1, 1)));
    expect(client.stats()).toMatchObject({ spawned: 3, retries: 0 });
    // The new spare is loaded too: it takes over the slot with the model it needs.
    injectFault(threads[0], 'throw');
    await until(() => client.stats().errors === 1, 5000);
    expect(await client.evaluate(evalReq(1, 1))).toEqual(evaluatePack(cm, pack, th(1, 1)));
  });

  it('notices close() by its message, long before the heartbeat would', async () => {
    const { client, threads } = await loadedClient({ liveness: { hangMs: 10_000 } });
    injectFault(threads[0], 'close');
    expect(await until(() => client.stats().exits === 1, 2000)).toBeLessThan(1000);
  });

  it('keeps replacing a slot however many times in a row its worker dies (no three strikes)', async () => {
    const { client, threads } = await loadedClient({ liveness: { hangMs: 300 } });
    for (let k = 1; k <= 5; k++) {
      injectFault(slotThread(threads, k - 1), 'hang');
      await until(() => client.stats().hangs === k, 5000);
      // Let the replacement start and reload before breaking it too: five deaths, no success between.
      await primed(client);
    }
    const { cm, pack } = inThread('fixed');
    expect(await client.evaluate(evalReq(1, 2))).toEqual(evaluatePack(cm, pack, th(1, 2)));
    // The slot and the spare, then one fresh worker per death: the first death took the spare (and
    // started a new one), the next four fresh workers. With hangMs this short a loaded machine can
    // starve a healthy worker past it once more, which is replaced the same way.
    const stats = client.stats();
    expect(stats.hangs).toBeGreaterThanOrEqual(5);
    expect(stats.spawned).toBe(stats.hangs + 2);
  }, 60_000);

  it('keeps no result alive after its call is over (no reaction left on a long-lived promise)', async () => {
    const { client } = await loadedClient();
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const refs: WeakRef<object>[] = [];
    for (let k = 0; k < 30; k++) refs.push(new WeakRef(await client.itemFrames('p', k % 4)));
    await sleep(50);
    gc();
    await sleep(50);
    gc();
    // Before the fix, every answer stayed reachable from the slot's never-settling death promise.
    expect(refs.filter((r) => r.deref() !== undefined).length).toBeLessThan(3);
  });

  it('after three timeouts in a row the next call still works', async () => {
    // No spare: it would answer the call (a hedge) before the call timed out.
    const { client, threads } = await loadedClient({
      spare: false,
      timeouts: { callMs: 2000 },
      liveness: { hangMs: 60_000 },
    });
    for (let k = 0; k < 3; k++) {
      // A hang the heartbeat would take a minute to call: the call's own time limit ends it.
      injectFault(threads[threads.length - 1], 'hang');
      await expect(client.trace({ ...evalReq(0, 0), itemIndex: 0 })).rejects.toMatchObject({
        kind: 'timeout',
      });
      await primed(client);
    }
    expect(client.stats().timeouts).toBe(3);
    const trace = await client.trace({ ...evalReq(0, 0), itemIndex: 0 });
    expect(trace.trace?.steps).toBe(inThread('fixed').pack.items[0].length);
  }, 60_000);
});

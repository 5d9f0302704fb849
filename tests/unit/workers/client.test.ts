// The client over real engine workers in Node threads: pooled results identical to one worker's and
// to the engine's own, "latest wins", cancellation that reaches a busy worker, typed errors,
// replacement of a dead worker, and timeouts.
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePack, sweepPack } from '../../../src/engine/evaluate';
import type { EngineClient, EngineWorkerApi } from '../../../src/workers/api';
import { createEngineClient } from '../../../src/workers/client';
import { EngineError } from '../../../src/workers/errors';
import type { WorkerLike } from '../../../src/workers/pool';
import { inThread, longGrid, modelBytes, packBytes, th } from './fixtures';
import { nodeWorkerFactory, spawnNodeEngineWorker } from './node-workers';

const clients: EngineClient[] = [];

async function loadedClient(workers: number) {
  const factory = nodeWorkerFactory();
  const client = createEngineClient({ workers, createWorker: factory.create });
  clients.push(client);
  await client.loadModel({ id: 'm', bytes: modelBytes() });
  await client.loadPack({ id: 'p', bytes: packBytes() });
  return { client, threads: factory.threads };
}

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected a rejection');
}

// Worker threads take a second or two to start on a busy machine, so the tests share two clients
// (one worker, two workers) and the test that kills a worker runs last.
let single: Awaited<ReturnType<typeof loadedClient>>;
let pool: Awaited<ReturnType<typeof loadedClient>>;

beforeAll(async () => {
  [single, pool] = await Promise.all([loadedClient(1), loadedClient(2)]);
});

afterAll(() => {
  for (const c of clients) c.dispose();
});

describe('engine client over Node worker threads', () => {
  it('gives a pool the same results as one worker and as the engine in this thread', async () => {
    const [one, three] = [single, pool];
    for (const mode of ['fixed', 'float'] as const) {
      const { cm, pack } = inThread(mode);
      for (const [x, h] of [
        [0, 0],
        [3, 2],
      ]) {
        const req = { modelId: 'm', packId: 'p', thresholds: th(x, h), mode };
        const a = await one.client.evaluate(req);
        expect(await three.client.evaluate(req)).toEqual(a);
        expect(a).toEqual(evaluatePack(cm, pack, th(x, h)));
      }
      const grid = longGrid(4);
      const curve = await three.client.sweep({ modelId: 'm', packId: 'p', mode, grid });
      expect(await one.client.sweep({ modelId: 'm', packId: 'p', mode, grid })).toEqual(curve);
      expect(curve).toEqual(sweepPack(cm, pack, grid));
    }
    const trace = await three.client.trace({
      modelId: 'm',
      packId: 'p',
      itemIndex: 2,
      thresholds: th(1, 1),
      mode: 'fixed',
    });
    expect(trace.trace?.steps).toBe(inThread('fixed').pack.items[2].length);
  });

  it('cancels a superseded sweep, reports progress and finishes the latest', async () => {
    const { client } = pool;
    const req = { modelId: 'm', packId: 'p', mode: 'fixed' as const, grid: longGrid(400) };
    const progress: number[] = [];
    let running: () => void = () => {};
    const started = new Promise<void>((r) => {
      running = r;
    });
    const first = client.sweep(req, (done) => {
      progress.push(done);
      running();
    });
    await started;
    const small = { ...req, grid: longGrid(3) };
    const second = client.sweep(small);
    expect((await rejection(first)).kind).toBe('cancelled');
    // That the superseded sweep's workers really stop is the next test's subject.
    const curve = await second;
    const { cm, pack } = inThread('fixed');
    expect(curve).toEqual(sweepPack(cm, pack, small.grid));
    expect(progress.length).toBeGreaterThan(0);
  });

  it('stops a running sweep inside the worker when cancel(jobId) arrives', async () => {
    const { thread, like } = spawnNodeEngineWorker();
    const remote = Comlink.wrap<EngineWorkerApi>(like);
    try {
      await remote.loadModel('m', modelBytes());
      await remote.loadPack('p', packBytes());
      let last = 0;
      let total = 0;
      const onProgress = (done: number, all: number) => {
        last = done;
        total = all;
        void remote.cancel(7);
      };
      const job = remote.sweep(
        7,
        { modelId: 'm', packId: 'p', mode: 'fixed', grid: longGrid(400) },
        Comlink.proxy(onProgress),
      );
      await expect(job).rejects.toMatchObject({ kind: 'cancelled' });
      expect(last).toBeGreaterThan(0);
      expect(last).toBeLessThan(total / 4);
    } finally {
      await thread.terminate();
    }
  });

  it('turns bad bytes, unknown ids and exceptions into typed errors', async () => {
    const { client } = pool;
    const corrupt = new Uint8Array(modelBytes());
    corrupt[20] ^= 0x55;
    const bad = await rejection(client.loadModel({ id: 'bad', bytes: corrupt.buffer }));
    expect(bad.kind).toBe('format');
    expect(bad.message.length).toBeGreaterThan(0);
    const req = { modelId: 'bad', packId: 'p', thresholds: th(0, 0), mode: 'fixed' as const };
    expect((await rejection(client.evaluate(req))).kind).toBe('not-found');
    expect((await rejection(client.itemFrames('p', 9999))).kind).toBe('not-found');
    const thrown = await rejection(
      client.evaluate({ ...req, modelId: 'm', thresholds: { thetaX: [1, 2], thetaH: [1] } }),
    );
    expect(thrown.kind).toBe('internal');
    expect(thrown.message).toContain('one thetaX and one thetaH per layer');
    // The client still works after errors.
    expect((await client.evaluate({ ...req, modelId: 'm' })).n).toBe(inThread('fixed').pack.items.length);
  });

  it('replaces a worker that died and runs its part of the request again on the fresh one', async () => {
    const { client, threads } = pool;
    const req = { modelId: 'm', packId: 'p', mode: 'fixed' as const, grid: longGrid(400) };
    // Kill the thread at the sweep's first progress report, while its part is computing (a fixed
    // delay is too long on a quiet machine, where the part is done before it, and too short on a busy one).
    let killed: Promise<number> | undefined;
    const running = client.sweep(req, () => {
      killed ??= threads[0].terminate();
    });
    const { cm, pack } = inThread('fixed');
    expect(await running).toEqual(sweepPack(cm, pack, req.grid));
    await killed;
    // Two slots and the spare, then the spare took over and a new spare started.
    expect(threads.length).toBe(4);
    // Its part ran again on the spare: as a retry after the death, or (on a busy machine, when the
    // dying worker had already been silent 200 ms) as a hedge that answered first.
    const stats = client.stats();
    expect(stats.errors).toBe(1);
    expect(stats.retries + stats.hedges).toBeGreaterThanOrEqual(1);
    const evalReq = { modelId: 'm', packId: 'p', thresholds: th(2, 2), mode: 'fixed' as const };
    expect(await client.evaluate(evalReq)).toEqual(evaluatePack(cm, pack, th(2, 2)));
  });

  it('times out a worker that never answers', async () => {
    const silent = (): WorkerLike => {
      const thread = new Worker('setInterval(() => {}, 1000);', { eval: true });
      const ep = nodeEndpoint(thread);
      return { ...ep, terminate: () => void thread.terminate() } as unknown as WorkerLike;
    };
    const client = createEngineClient({ workers: 1, createWorker: silent, timeouts: { loadMs: 200 } });
    clients.push(client);
    expect((await rejection(client.loadModel({ id: 'm', bytes: modelBytes() }))).kind).toBe('timeout');
  });
});

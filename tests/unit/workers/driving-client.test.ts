// The client's driving calls over real engine workers in Node threads: the whole network's cost on
// a merged evaluation, a clip through the pool, and a live road that survives losing its worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnnCostPerFrame } from '../../../src/engine/cnn';
import { wholeNetworkCost } from '../../../src/engine/vision';
import type { EngineClient } from '../../../src/workers/api';
import { createEngineClient } from '../../../src/workers/client';
import { CLIP_FRAMES, drivingModel, drivingModelBytes, drivingPackBytes } from './driving-fixtures';
import { nodeWorkerFactory } from './node-workers';

const th = (x: number, h: number) => ({ thetaX: [x], thetaH: [h] });
let client: EngineClient;
let threads: ReturnType<typeof nodeWorkerFactory>['threads'];

beforeAll(async () => {
  const factory = nodeWorkerFactory();
  threads = factory.threads;
  client = createEngineClient({ workers: 2, createWorker: factory.create });
  await client.loadModel({ id: 'car', bytes: drivingModelBytes() });
  await client.loadPack({ id: 'clips', bytes: drivingPackBytes() });
});

afterAll(() => client.dispose());

describe('driving through the client', () => {
  it('adds the whole network’s cost to an evaluation merged across workers', async () => {
    const r = await client.evaluate({ modelId: 'car', packId: 'clips', thresholds: th(1, 1), mode: 'fixed' });
    expect(r.whole).toEqual(wholeNetworkCost(cnnCostPerFrame(drivingModel().cnn!), r.costs));
    expect(r.whole!.frames).toBe(2 * CLIP_FRAMES);
  });

  it('returns a verified clip', async () => {
    const clip = await client.drivingClip({ modelId: 'car', packId: 'clips', itemIndex: 0 });
    expect(clip.frames.length).toBe(CLIP_FRAMES * 64 * 32);
    expect(clip.digest).toBe(clip.packDigest);
    expect(clip.featureMismatches).toBe(0);
  });

  it('drives the live road on one worker and starts over from the seed when that worker dies', async () => {
    await client.roadStart({ modelId: 'car', seed: 4, thresholds: th(1, 1), mode: 'fixed' });
    const a = await client.roadRun(6);
    const b = await client.roadRun(6);
    expect(b.frames[0].t).toBe(6);
    expect(b.totals.frames).toBe(12);
    await client.roadThresholds(th(2, 2));
    const reset = await client.roadReset();
    expect(reset.totals.frames).toBe(0);
    await client.roadThresholds(th(1, 1));
    await client.roadReset();
    const c = await client.roadRun(6);
    expect(c.frames.map((f) => f.steering)).toEqual(a.frames.map((f) => f.steering));
    // Every live thread is terminated: whichever held the session, its replacement knows nothing of it.
    for (const t of [...threads]) await t.terminate();
    const d = await client.roadRun(6);
    expect(d.restarted).toBe(true);
    expect(d.frames).toEqual([]);
    const e = await client.roadRun(6);
    expect(e.frames.map((f) => f.steering)).toEqual(a.frames.map((f) => f.steering));
    await client.roadStop();
    await expect(client.roadRun(1)).rejects.toMatchObject({ kind: 'not-found' });
  });
});

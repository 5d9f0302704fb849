// The worker's service in this thread: the same answers as the engine, slicing that merges exactly,
// cancellation between slices, and errors classified for the page.
import { describe, expect, it } from 'vitest';
import { computeFigures, stepCosts } from '../../../src/engine/costs';
import { evaluatePack, sweepPack } from '../../../src/engine/evaluate';
import { runSequence } from '../../../src/engine/sequence';
import { EngineService } from '../../../src/workers/engine-service';
import { toEngineErrorInfo } from '../../../src/workers/errors';
import { inThread, longGrid, modelBytes, packBytes, th } from './fixtures';

async function loaded(): Promise<EngineService> {
  const s = new EngineService();
  await s.loadModel('m', modelBytes());
  await s.loadPack('p', packBytes());
  return s;
}

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    return toEngineErrorInfo(error);
  }
  throw new Error('expected a rejection');
}

describe('EngineService', () => {
  it('describes what it loaded', async () => {
    const s = new EngineService();
    const info = await s.loadModel('m', modelBytes());
    expect(info).toMatchObject({
      id: 'm',
      name: 'example-tiny',
      layers: [{ inputSize: 40, hiddenSize: 64 }],
    });
    const pack = await s.loadPack('p', packBytes());
    expect(pack.items.length).toBe(inThread('float').pack.items.length);
    const frames = await s.itemFrames('p', 1);
    const { pack: ref } = inThread('float');
    const item = ref.items[1];
    expect(frames.frames).toEqual(ref.frames.slice(item.offset * 40, (item.offset + item.length) * 40));
  });

  it.each(['fixed', 'float'] as const)(
    'evaluates, traces and sweeps exactly like the engine (%s)',
    async (mode) => {
      const s = await loaded();
      const { cm, pack } = inThread(mode);
      for (const [x, h] of [
        [0, 0],
        [2, 3],
      ]) {
        const got = await s.evaluate(1, {
          modelId: 'm',
          packId: 'p',
          thresholds: th(x, h),
          mode,
          from: 3,
          to: 41,
        });
        expect(got).toEqual(evaluatePack(cm, pack, th(x, h), { from: 3, to: 41 }));
      }
      const grid = longGrid(4);
      expect(await s.sweep(2, { modelId: 'm', packId: 'p', mode, grid })).toEqual(sweepPack(cm, pack, grid));
      const item = pack.items[5];
      const trace = await s.trace({ modelId: 'm', packId: 'p', itemIndex: 5, thresholds: th(1, 1), mode });
      const ref = runSequence(cm, th(1, 1), pack.frames, item.length, { trace: true, offset: item.offset });
      expect(trace).toEqual({ ...ref, figures: computeFigures(ref.costs), stepCosts: stepCosts(ref.trace!) });
    },
  );

  it('stops a cancelled sweep at the next slice and rejects as cancelled', async () => {
    const s = await loaded();
    const grid = longGrid(400);
    let last = 0;
    let total = 0;
    const job = s.sweep(9, { modelId: 'm', packId: 'p', mode: 'fixed', grid }, (done, all) => {
      last = done;
      total = all;
      s.cancel(9);
    });
    expect(await rejection(job)).toMatchObject({ kind: 'cancelled' });
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThan(total / 10);
  });

  it('does not run a job whose cancel arrived before it (a call run again after it was superseded)', async () => {
    const s = await loaded();
    s.cancel(11);
    let reports = 0;
    const job = s.sweep(11, { modelId: 'm', packId: 'p', mode: 'fixed', grid: longGrid(400) }, () => {
      reports++;
    });
    expect(await rejection(job)).toMatchObject({ kind: 'cancelled' });
    expect(reports).toBe(0);
    // Another job runs as usual.
    expect(await s.sweep(12, { modelId: 'm', packId: 'p', mode: 'fixed', grid: longGrid(2) })).toHaveLength(
      2,
    );
  });

  it('classifies bad bytes, unknown ids and bad requests', async () => {
    const s = await loaded();
    const corrupt = new Uint8Array(modelBytes());
    corrupt[0] ^= 0xff;
    expect(await rejection(s.loadModel('bad', corrupt.buffer))).toMatchObject({ kind: 'format' });
    expect(await rejection(s.loadPack('bad', new ArrayBuffer(3)))).toMatchObject({ kind: 'format' });
    const req = { modelId: 'nope', packId: 'p', thresholds: th(0, 0), mode: 'fixed' as const };
    expect(await rejection(s.evaluate(1, req))).toMatchObject({ kind: 'not-found' });
    expect(await rejection(s.evaluate(1, { ...req, modelId: 'm', packId: 'nope' }))).toMatchObject({
      kind: 'not-found',
    });
    expect(await rejection(s.itemFrames('p', 10_000))).toMatchObject({ kind: 'not-found' });
    const neg = await rejection(s.evaluate(1, { ...req, modelId: 'm', thresholds: th(-1, 0) }));
    expect(neg).toMatchObject({ kind: 'internal', message: expect.stringContaining('whole numbers') });
  });
});

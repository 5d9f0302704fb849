// The worker's driving calls: clips re-rendered from the pack's seeds bit for bit (digest and CNN
// features checked), a live road driven in closed loop by the network, and the pack's clip list
// read as outside input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoadSimulator, renderClip } from '../../../src/data/driving';
import { cnnCostPerFrame, compileCnn, createDeltaCnn, deltaCnnStep } from '../../../src/engine/cnn';
import { compileModel } from '../../../src/engine/compile';
import type { SamplePack } from '../../../src/engine/types';
import { createPixelStepper, wholeNetworkCost } from '../../../src/engine/vision';
import { packClip } from '../../../src/workers/driving-pack';
import { MAX_ROAD_FRAMES } from '../../../src/workers/driving-service';
import { EngineService } from '../../../src/workers/engine-service';
import { toEngineErrorInfo } from '../../../src/workers/errors';
import {
  CLIP_FRAMES,
  CLIP_SEEDS,
  drivingModel,
  drivingModelBytes,
  drivingPack,
  drivingPackBytes,
} from './driving-fixtures';

const th = (x: number, h: number) => ({ thetaX: [x], thetaH: [h] });

async function loaded(pack: SamplePack = drivingPack()): Promise<EngineService> {
  const s = new EngineService();
  await s.loadModel('car', drivingModelBytes());
  await s.loadPack('clips', drivingPackBytes(pack));
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

describe('drivingClip', () => {
  it('re-renders the clip from its seed, bit for bit, and the CNN gives the pack’s features', async () => {
    const s = await loaded();
    const clip = await s.drivingClip(1, { modelId: 'car', packId: 'clips', itemIndex: 1 });
    const ref = renderClip({ seed: CLIP_SEEDS[1], frames: CLIP_FRAMES });
    expect(clip.seed).toBe(CLIP_SEEDS[1]);
    expect(clip.frames).toEqual(ref.frames);
    expect(clip.steering).toEqual(ref.steering);
    expect(clip.lateralError).toEqual(ref.lateralError);
    expect(clip.digest).toBe(clip.packDigest);
    expect(clip.featureMismatches).toBe(0);
    const d = createDeltaCnn(compileCnn(drivingModel().cnn!));
    const codes = new Int8Array(8);
    let macs = 0;
    for (let t = 0; t < CLIP_FRAMES; t++)
      macs += deltaCnnStep(d, ref.frames.subarray(t * 2048, (t + 1) * 2048), codes);
    expect(clip.deltaCnnMacsPerFrame).toBe(macs / CLIP_FRAMES);
    expect([clip.width, clip.height, clip.fps, clip.length]).toEqual([64, 32, 20, CLIP_FRAMES]);
    // A second ask is answered from the cache with its own buffers (the first ones went to the page).
    const again = await s.drivingClip(2, { modelId: 'car', packId: 'clips', itemIndex: 1 });
    expect(again.frames).toEqual(ref.frames);
    expect(again.frames.buffer).not.toBe(clip.frames.buffer);
  });

  it('refuses a pack whose digest the simulator does not reproduce', async () => {
    const s = await loaded(
      drivingPack(undefined, (p) => {
        (p.features.clips as { digest: string }[])[0].digest = '00000000';
      }),
    );
    const e = await rejection(s.drivingClip(1, { modelId: 'car', packId: 'clips', itemIndex: 0 }));
    expect(e.kind).toBe('format');
    expect(e.message).toMatch(/says 00000000/);
  });

  it('counts feature codes that differ from what the CNN computes from the pixels', async () => {
    const s = await loaded(
      drivingPack(undefined, (p) => {
        p.frames[3] = p.frames[3] === 0 ? 1 : 0;
        p.frames[17] = p.frames[17] === 0 ? 1 : 0;
      }),
    );
    const clip = await s.drivingClip(1, { modelId: 'car', packId: 'clips', itemIndex: 0 });
    expect(clip.featureMismatches).toBe(2);
  });

  it('refuses a model without a CNN', async () => {
    const s = await loaded();
    const { cnn: _, ...plain } = drivingModel();
    await s.loadModel('plain', drivingModelBytes(plain));
    const e = await rejection(s.drivingClip(1, { modelId: 'plain', packId: 'clips', itemIndex: 0 }));
    expect(e).toMatchObject({ kind: 'format', message: expect.stringMatching(/no CNN/) });
  });

  it('describes the CNN in the model info and adds the whole network’s cost to a trace', async () => {
    const s = new EngineService();
    const info = await s.loadModel('car', drivingModelBytes());
    const cost = cnnCostPerFrame(drivingModel().cnn!);
    expect(info.cnn).toEqual({ width: 64, height: 32, features: 8, cost });
    await s.loadPack('clips', drivingPackBytes());
    const r = await s.trace({
      modelId: 'car',
      packId: 'clips',
      itemIndex: 0,
      thresholds: th(1, 1),
      mode: 'fixed',
    });
    expect(r.whole).toEqual(wholeNetworkCost(cost, r.costs));
    expect(r.whole!.frames).toBe(CLIP_FRAMES);
  });
});

describe('live road', () => {
  it('drives in closed loop exactly as the simulator and the stepper do by hand', async () => {
    const s = await loaded();
    const start = await s.roadStart({
      sessionId: 'a',
      modelId: 'car',
      seed: 5,
      thresholds: th(1, 1),
      mode: 'fixed',
    });
    expect(start.frames).toEqual([]);
    expect(start.totals.frames).toBe(0);
    const first = await s.roadRun(1, 'a', 7);
    const second = await s.roadRun(2, 'a', 5);
    const got = [...first.frames, ...second.frames];

    const model = drivingModel();
    const sim = new RoadSimulator(5);
    const stepper = createPixelStepper(compileCnn(model.cnn!), compileModel(model, 'fixed'), th(1, 1));
    let frame = sim.observe();
    got.forEach((f, t) => {
      const step = stepper.step(frame);
      expect(f.t).toBe(t);
      expect(f.frame).toEqual(frame);
      const r = sim.step(step.output[0]);
      expect(f.steering).toBe(r.steering);
      expect(f.lateralError).toBe(r.lateralError);
      expect(f.offRoad).toBe(r.offRoad);
      expect([f.nx, f.nh]).toEqual([step.nx[0], step.nh[0]]);
      expect(f.fired).toEqual(step.fired[0]);
      expect(f.cnnMacs).toBe(step.cnnMacs);
      frame = r.frame;
    });
    expect(second.totals.frames).toBe(12);
    const lat = got.map((f) => f.lateralError);
    expect(second.totals.rmsLateral).toBeCloseTo(Math.sqrt(lat.reduce((a, v) => a + v * v, 0) / 12), 12);
    expect(second.totals.maxLateral).toBe(Math.max(...lat.map(Math.abs)));
    const cnnMacs = cnnCostPerFrame(model.cnn!).macs;
    for (const f of got) {
      expect(f.wholeDenseCost).toBe(cnnMacs + f.gruDenseCost);
      expect(f.wholeDeltaCost).toBe(cnnMacs + f.gruDeltaCost);
    }
    expect(second.totals.whole.cnnMacs).toBe(cnnMacs);
    const executed = got.reduce((a, f) => a + f.cnnMacs, 0);
    expect(second.totals.whole.deltaCnn?.cnnMacs).toBeCloseTo(executed / 12, 9);
    expect(executed).toBeLessThan(12 * cnnMacs);
  });

  it('changes thresholds live, and starting again goes back to the start of the road', async () => {
    const s = await loaded();
    await s.roadStart({ sessionId: 'a', modelId: 'car', seed: 9, thresholds: th(0, 0), mode: 'fixed' });
    const dense = await s.roadRun(1, 'a', 10);
    await s.roadThresholds('a', th(200, 200));
    const quiet = await s.roadRun(2, 'a', 10);
    expect(dense.frames.reduce((a, f) => a + f.nx + f.nh, 0)).toBeGreaterThan(0);
    expect(quiet.frames.every((f) => f.nx + f.nh === 0)).toBe(true);
    await s.roadStart({ sessionId: 'a', modelId: 'car', seed: 9, thresholds: th(0, 0), mode: 'fixed' });
    const again = await s.roadRun(3, 'a', 10);
    expect(again.frames.map((f) => f.steering)).toEqual(dense.frames.map((f) => f.steering));
  });

  it('refuses unknown sessions, bad seeds and oversized runs; stop ends a session', async () => {
    const s = await loaded();
    expect((await rejection(s.roadRun(1, 'nope', 1))).kind).toBe('not-found');
    const bad = { sessionId: 'b', modelId: 'car', thresholds: th(0, 0), mode: 'fixed' as const };
    for (const seed of [-1, 1.5, 2 ** 32, Number.NaN]) {
      expect((await rejection(s.roadStart({ ...bad, seed }))).kind).toBe('format');
    }
    await s.roadStart({ ...bad, seed: 1 });
    expect((await rejection(s.roadRun(1, 'b', MAX_ROAD_FRAMES + 1))).kind).toBe('format');
    await s.roadStop('b');
    expect((await rejection(s.roadRun(2, 'b', 1))).kind).toBe('not-found');
  });
});

describe('packClip (outside input)', () => {
  const pack = drivingPack();
  it('reads the clip of an item', () => {
    expect(packClip(pack, 1)).toEqual(expect.objectContaining({ seed: CLIP_SEEDS[1], frames: CLIP_FRAMES }));
  });

  it('refuses anything else with a format or not-found error, never a crash', () => {
    const value = fc.oneof(
      fc.anything(),
      fc.record({ seed: fc.anything(), frames: fc.anything(), digest: fc.anything() }),
      fc.record({
        seed: fc.oneof(fc.integer(), fc.double()),
        frames: fc.integer({ min: -5, max: 50 }),
        digest: fc.oneof(fc.stringMatching(/^[0-9a-f]{7,9}$/), fc.string()),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 3 }),
        fc.integer({ min: -1, max: 3 }),
        fc.oneof(fc.constant('driving-sim-cnn'), fc.anything()),
        (clips, index, kind) => {
          const p: SamplePack = { ...pack, features: { kind, clips } };
          try {
            const c = packClip(p, index);
            // Whatever is accepted is a clip that fits its item.
            expect(Number.isSafeInteger(c.seed)).toBe(true);
            expect(c.frames).toBe(p.items[index].length);
            expect(c.digest).toMatch(/^[0-9a-f]{8}$/);
          } catch (e) {
            expect(['format', 'not-found']).toContain(toEngineErrorInfo(e).kind);
          }
        },
      ),
      { seed: 11, numRuns: 400 },
    );
  });
});

// The driving view's link to the workers: the clip is asked for when the chosen clip changes, and the
// live road's loop asks for the frames due at 20 fps, pushes new thresholds, stops off the road and resets.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectDriving } from '../../../app/driving/driving-sync';
import { createLabStore } from '../../../app/store/create-store';
import type { RoadBatch, RoadFrame } from '../../../src/workers/api';
import { FakeClient } from './fake-client';

const totals = (frames: number, offRoad = false): RoadBatch['totals'] =>
  ({ frames, offRoad, rmsLateral: 0.1, maxLateral: 0.2, figures: {}, whole: {} }) as RoadBatch['totals'];

const frame = (t: number): RoadFrame => ({
  t,
  frame: new Uint8Array(4),
  steering: t,
  lateralError: 0,
  offRoad: false,
  nx: 1,
  nh: 2,
  fired: new Uint8Array(3),
  cnnMacs: 5,
  gruDenseCost: 10,
  gruDeltaCost: 1,
  wholeDenseCost: 20,
  wholeDeltaCost: 11,
});

/** A fake whose road drives for real in counts: frames numbered on, off the road when told. */
class RoadClient extends FakeClient {
  driven = 0;
  offRoadAt = Infinity;
  override drivingClip(req: unknown): Promise<never> {
    this.calls.push({ method: 'drivingClip', req });
    return new Promise(() => {});
  }
  override roadStart(req: unknown): Promise<never> {
    this.calls.push({ method: 'roadStart', req });
    this.driven = 0;
    return Promise.resolve({ sessionId: 's', frames: [], totals: totals(0) }) as Promise<never>;
  }
  override roadReset(): Promise<never> {
    this.calls.push({ method: 'roadReset', req: null });
    this.driven = 0;
    return Promise.resolve({ sessionId: 's', frames: [], totals: totals(0) }) as Promise<never>;
  }
  override roadRun(n: number): Promise<never> {
    this.calls.push({ method: 'roadRun', req: n });
    const frames = Array.from({ length: n }, (_, k) => frame(this.driven + k));
    this.driven += n;
    const batch = { sessionId: 's', frames, totals: totals(this.driven, this.driven >= this.offRoadAt) };
    return Promise.resolve(batch) as Promise<never>;
  }
  override roadThresholds(req: unknown): Promise<never> {
    this.calls.push({ method: 'roadThresholds', req });
    return Promise.resolve() as Promise<never>;
  }
  override roadStop(): Promise<never> {
    this.calls.push({ method: 'roadStop', req: null });
    return Promise.resolve() as Promise<never>;
  }
  called(method: string) {
    return this.calls.filter((c) => c.method === method).map((c) => c.req);
  }
}

let callbacks: FrameRequestCallback[] = [];
const flush = () => new Promise((r) => setTimeout(r, 0));
/** Runs the pending animation frame at time `now` (ms) and lets its requests settle. */
async function animate(now: number) {
  const due = callbacks;
  callbacks = [];
  for (const cb of due) cb(now);
  await flush();
}

beforeEach(() => {
  callbacks = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => callbacks.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});
afterEach(() => vi.unstubAllGlobals());

function driving(hash = '') {
  const client = new RoadClient();
  const store = createLabStore(client);
  const stop = connectDriving(store, client, hash);
  store.setState({
    task: 'driving',
    modelId: 'car',
    packId: 'clips',
    itemIndex: 0,
    thresholds: { thetaX: [4], thetaH: [4] },
  });
  return { client, store, stop };
}

describe('connectDriving', () => {
  it('reads drive= from the link and asks for a clip when the chosen clip changes', () => {
    const { client, store } = driving('#drive=live');
    expect(store.getState().drive).toBe('live');
    expect(client.called('drivingClip')).toEqual([]);
    store.getState().setDrive('clip');
    store.setState({ itemIndex: 1 });
    store.setState({ itemIndex: 1, position: 3 });
    expect(client.called('drivingClip')).toEqual([
      { modelId: 'car', packId: 'clips', itemIndex: 0 },
      { modelId: 'car', packId: 'clips', itemIndex: 1 },
    ]);
  });

  it('drives the frames due at 20 fps, sends new thresholds, and stops off the road', async () => {
    const { client, store } = driving();
    store.getState().startRoad();
    await animate(1000);
    expect(client.called('roadStart')).toEqual([
      { modelId: 'car', seed: expect.any(Number), thresholds: { thetaX: [4], thetaH: [4] }, mode: 'fixed' },
    ]);
    await animate(1250);
    expect(client.called('roadRun')).toEqual([5]);
    expect(store.getState().roadLog.frames.map((f) => f.t)).toEqual([0, 1, 2, 3, 4]);
    // Far behind (a background tab): at most a few frames a request, no catching up.
    await animate(9000);
    expect(client.called('roadRun')).toEqual([5, 6]);
    store.getState().setThresholds({ thetaX: [9], thetaH: [9] });
    await flush();
    expect(client.called('roadThresholds')).toEqual([{ thetaX: [9], thetaH: [9] }]);
    client.offRoadAt = 12;
    await animate(9100);
    expect(store.getState()).toMatchObject({ roadRunning: false, roadTotals: { offRoad: true } });
    await animate(9200);
    expect(client.called('roadRun')).toEqual([5, 6, 2]);
    store.getState().resetRoad();
    await flush();
    expect(client.called('roadReset')).toEqual([null]);
    expect(store.getState().roadLog.frames).toEqual([]);
    expect(store.getState().roadTotals?.frames).toBe(0);
  });

  it('stops the road when the task changes', async () => {
    const { store } = driving();
    store.getState().startRoad();
    await animate(1000);
    store.setState({ task: 'digits' });
    expect(store.getState().roadRunning).toBe(false);
  });
});

describe('connectDriving and the task', () => {
  it('drops the clip when the task changes, and keeps it on screen for another model on the same clip', () => {
    const { client, store } = driving();
    const clip = { seed: 1, fps: 20 } as never;
    store.setState({ clip });
    store.setState({ modelId: 'other' });
    expect(store.getState().clip).toBe(clip);
    expect(client.called('drivingClip')).toHaveLength(2);
    store.setState({ itemIndex: 1 });
    expect(store.getState().clip).toBeNull();
    store.setState({ clip, task: 'digits' });
    expect(store.getState().clip).toBeNull();
  });
});

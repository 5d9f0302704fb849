// The lab store against a fake engine client: default choices, links read and written, live requests
// (latest wins, cancellations ignored, errors shown), sample finding and playback.
import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../../app/store/create-store';
import { connectEngine } from '../../../app/store/engine-sync';
import { presetThresholds } from '../../../app/store/threshold-limits';
import { decodeShare, encodeShare } from '../../../app/url/share-codec';
import { shareStateOf } from '../../../app/url/share-state';
import { FakeClient, fakeSpeedup, modelInfo } from './fake-client';

const flush = () => new Promise((r) => setTimeout(r, 0));

async function lab(hash = '', client = new FakeClient()) {
  const store = createLabStore(client);
  connectEngine(store, client);
  await store.getState().init(hash);
  await flush();
  return { store, client };
}

describe('lab store', () => {
  it('opens the digits task with the delta-l1 model, its pack and trained thresholds', async () => {
    const { store, client } = await lab();
    const s = store.getState();
    expect(s.task).toBe('digits');
    expect(s.modelId).toBe('digits-delta-l1');
    expect(s.packId).toBe('digits-test');
    expect(s.thresholds).toEqual({ thetaX: [2, 3], thetaH: [4, 5] });
    expect(s.trace?.figures?.speedup).toBe(fakeSpeedup({ thetaX: [2, 3], thetaH: [4, 5] }));
    expect(s.evaluation?.figures.speedup).toBe(15);
    expect(s.notices).toEqual([]);
    expect(Object.keys(s.shippedCurves).sort()).toEqual(['digits-delta-l1', 'digits-dense']);
    expect(client.calls.filter((c) => c.method === 'trace')).toHaveLength(1);
  });

  it('falls back to the first model when the manifest has no digits task', async () => {
    const client = new FakeClient();
    const manifest = client.manifest.bind(client);
    client.manifest = async () => {
      const m = await manifest();
      return { ...m, models: m.models.filter((e) => e.task !== 'digits') };
    };
    const { store } = await lab('', client);
    expect(store.getState().modelId).toBe('example-tiny');
  });

  it('restores the state written into a link', async () => {
    const first = await lab();
    const s = first.store.getState();
    s.setThreshold('h', 1, 9);
    s.setItem(4);
    s.setMode('float');
    s.setPresentation(true);
    s.selectNeuron({ layer: 1, kind: 'h', index: 2 });
    s.setSpeed(2);
    const hash = encodeShare(shareStateOf(first.store.getState()));
    const second = await lab(`#${hash}`);
    const t = second.store.getState();
    expect(t.thresholds).toEqual({ thetaX: [2, 3], thetaH: [4, 9] });
    expect(t.itemIndex).toBe(4);
    expect(t.mode).toBe('float');
    expect(t.presentation).toBe(true);
    expect(t.neuron).toEqual({ layer: 1, kind: 'h', index: 2 });
    expect(t.speed).toBe(2);
    expect(t.notices).toEqual([]);
    expect(decodeShare(hash).state).toEqual(shareStateOf(t));
  });

  it('falls back to defaults with a visible notice for links that do not fit', async () => {
    const { store } = await lab('#model=nope&item=77&tx=1,2,3&th=1,2,3&neuron=1:h:99&mode=quantum');
    const s = store.getState();
    expect(s.modelId).toBe('digits-delta-l1');
    expect(s.itemIndex).toBe(0);
    expect(s.thresholds).toEqual({ thetaX: [2, 3], thetaH: [4, 5] });
    expect(s.neuron).toBeNull();
    expect(s.mode).toBe('fixed');
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0].kind).toBe('warning');
    for (const part of ['model "nope"', 'mode', 'sample 77', 'thresholds', 'neuron']) {
      expect(s.notices[0].text).toContain(part);
    }
  });

  it('applies only the newest answer while a slider moves, and ignores cancellations', async () => {
    const { store, client } = await lab();
    client.hold = true;
    for (const v of [1, 2, 3]) store.getState().setThreshold('x', 'all', v);
    expect(store.getState().evalStatus).toBe('loading');
    client.release();
    await flush();
    const s = store.getState();
    expect(s.thresholds?.thetaX).toEqual([3, 3]);
    expect(s.evaluation?.figures.speedup).toBe(fakeSpeedup({ thetaX: [3, 3], thetaH: [4, 5] }));
    expect(s.trace?.figures?.speedup).toBe(fakeSpeedup({ thetaX: [3, 3], thetaH: [4, 5] }));
    expect(s.evalStatus).toBe('ready');
    expect(s.notices).toEqual([]);
  });

  it('asks again when a request is cancelled from outside (cancel of a sweep)', async () => {
    const { store, client } = await lab();
    client.hold = true;
    store.getState().setThreshold('h', 0, 7);
    void store.getState().runSweep();
    store.getState().cancelSweep();
    client.hold = false;
    await flush();
    await flush();
    const s = store.getState();
    expect(s.evaluation?.figures.speedup).toBe(fakeSpeedup({ thetaX: [2, 3], thetaH: [7, 5] }));
    expect(s.sweepStatus).toBe('idle');
    expect(s.liveCurves).toEqual({});
  });

  it('shows engine errors in the page', async () => {
    const { store, client } = await lab();
    client.failNext = {
      method: 'evaluate',
      error: Object.assign(new Error('worker died'), { kind: 'worker-died' }),
    };
    store.getState().setThreshold('x', 0, 5);
    await flush();
    const s = store.getState();
    expect(s.evalStatus).toBe('error');
    expect(s.notices.map((n) => n.text)).toEqual(['Could not evaluate the test set: worker died']);
  });

  it('gives each model its own validation-chosen operating point, and keeps Θ when switching model', async () => {
    const client = new FakeClient();
    client.operatingPoints['digits-dense'] = { thetaX: 8, thetaH: 3, selectedOn: 'validation split' };
    // Opened on the dense model: it starts at its operating point, not at its training Θ (0 for dense).
    const { store } = await lab('#model=digits-dense', client);
    expect(store.getState().thresholds).toEqual({ thetaX: [8, 8], thetaH: [3, 3] });
    const info = store.getState().models['digits-dense'];
    const op = store.getState().operatingPoints['digits-dense'];
    expect(presetThresholds('sweet', info, op)).toEqual({ thetaX: [8, 8], thetaH: [3, 3] });
    expect(presetThresholds('aggressive', info, op)).toEqual({ thetaX: [16, 16], thetaH: [8, 8] });
    expect(presetThresholds('dense', info, op)).toEqual({ thetaX: [0, 0], thetaH: [0, 0] });
    // Without a report the trained thresholds stand in.
    expect(presetThresholds('sweet', info, null)).toEqual(info.trainedThresholds);
    // Another model of the same task is compared at the same Θ.
    store.getState().setThreshold('h', 0, 6);
    await store.getState().selectModel('digits-delta-l1');
    expect(store.getState().thresholds).toEqual({ thetaX: [8, 8], thetaH: [6, 3] });
    // A new task starts at its model's own setting.
    await store.getState().selectModel('example-tiny');
    expect(store.getState().thresholds).toEqual(modelInfo('example-tiny').trainedThresholds);
  });

  it('refuses a file over the size limit from its size alone, without reading it', async () => {
    const { store } = await lab();
    let reads = 0;
    const read = (n: number) => async () => {
      reads++;
      return new ArrayBuffer(n);
    };
    const huge = {
      name: 'huge.dlp',
      size: 300 * 2 ** 20,
      arrayBuffer: read(0),
    };
    await store.getState().openFile(huge);
    expect(reads).toBe(0);
    expect(store.getState().notices.map((n) => n.text)).toEqual([
      'huge.dlp: 300 MiB is over the 128 MiB limit for a file; nothing was read.',
    ]);
    const small = { name: 'notes.txt', size: 5, arrayBuffer: read(5) };
    await store.getState().openFile(small);
    expect(reads).toBe(1);
  });

  it('runs a live sweep over the shipped grid and keeps its points', async () => {
    const { store, client } = await lab();
    await store.getState().runSweep();
    const s = store.getState();
    expect(s.sweepStatus).toBe('ready');
    expect(s.liveCurves['digits-delta-l1'].points.map((p) => p.thetaX)).toEqual([0, 2, 4]);
    expect(s.liveCurves['digits-delta-l1'].mode).toBe('fixed');
    expect(s.sweepModelId).toBeNull();
    expect(client.calls.find((c) => c.method === 'sweep')?.req).toMatchObject({ modelId: 'digits-delta-l1' });
  });

  it('jumps to the next wrong prediction, wrapping around', async () => {
    const { store } = await lab();
    // Labels are i % 3 = [0,1,2,0,1,2]; the fake predicts [0,1,2,0,2,1]: items 4 and 5 are wrong.
    const { items } = store.getState().packs['digits-test'];
    const { nextWrong } = await import('../../../app/store/sample-find');
    const predictions = store.getState().evaluation!.predictions;
    expect(nextWrong(items, predictions, 0)).toBe(4);
    expect(nextWrong(items, predictions, 4)).toBe(5);
    expect(nextWrong(items, predictions, 5)).toBe(4);
  });

  it('switches model to a curve point with its thresholds on every layer', async () => {
    const { store } = await lab();
    await store.getState().selectModel('digits-dense', { uniform: { thetaX: 6, thetaH: 8 } });
    await flush();
    const s = store.getState();
    expect(s.modelId).toBe('digits-dense');
    expect(s.thresholds).toEqual({ thetaX: [6, 6], thetaH: [8, 8] });
    expect(s.evaluation?.figures.speedup).toBe(29);
  });

  it('plays to the end and stops, steps and seeks within the sequence', async () => {
    const { store } = await lab();
    const s = store.getState();
    s.play();
    s.advance(0.2);
    expect(store.getState().position).toBeCloseTo(2);
    s.advance(10);
    expect(store.getState().position).toBe(4);
    expect(store.getState().playing).toBe(false);
    s.step(-1);
    expect(store.getState().position).toBe(3);
    s.seek(99);
    expect(store.getState().position).toBe(4);
    s.setSpeed(100);
    expect(store.getState().speed).toBe(4);
  });

  it('rejects threshold values a slider cannot produce', async () => {
    const { store } = await lab();
    const before = store.getState().thresholds;
    store.getState().setThreshold('x', 0, -1);
    store.getState().setThreshold('x', 0, 1.5);
    expect(store.getState().thresholds).toBe(before);
  });
});

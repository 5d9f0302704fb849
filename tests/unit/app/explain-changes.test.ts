// Step 3's engine figures: asked for only while step 3 is open, once the model's Θ is known; the
// driving pack is loaded on first need and its clip window counted against the same Θx.
import { describe, expect, it } from 'vitest';
import { CHANGES_STEP, connectExplainChanges, DRIVING_WINDOW } from '../../../app/explain/changes-sync';
import { createLabStore } from '../../../app/store/create-store';
import type { Manifest } from '../../../src/workers/api';
import { FakeClient, MANIFEST } from './fake-client';

const WITH_DRIVING: Manifest = {
  ...MANIFEST,
  packs: [...MANIFEST.packs, { id: 'driving-test', task: 'driving', label: 'Driving', file: 'd.dlp' }],
};

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('explanation step 3 changes', () => {
  it('counts the sample and the driving window against the lab’s Θx while step 3 is open', async () => {
    const client = new FakeClient();
    const store = createLabStore(client);
    connectExplainChanges(store, client);
    const calls = () => client.calls.filter((c) => c.method === 'inputChanges').map((c) => c.req);
    store.setState({ manifest: WITH_DRIVING, packId: 'digits-test', itemIndex: 2 });
    store.getState().setExplainStep(2);
    expect(calls()).toEqual([]);
    // No threshold yet (the model is loading): nothing is asked.
    store.getState().setExplainStep(CHANGES_STEP);
    expect(calls()).toEqual([]);
    store.setState({ thresholds: { thetaX: [3], thetaH: [3] } });
    await settle();
    await settle();
    expect(calls()).toContainEqual({ packId: 'digits-test', itemIndex: 2, theta: 3 });
    expect(calls()).toContainEqual({ packId: 'driving-test', ...DRIVING_WINDOW, theta: 3 });
    expect(client.calls.filter((c) => c.method === 'loadPack').map((c) => c.req)).toContain('driving-test');
    const s = store.getState();
    expect(s.sampleChanges?.withinShare).toBe(1);
    expect(s.drivingChanges?.theta).toBe(3);
    // A new Θx asks again; leaving the step stops asking.
    store.setState({ thresholds: { thetaX: [0], thetaH: [0] } });
    await settle();
    await settle();
    expect(store.getState().drivingChanges?.theta).toBe(0);
    expect(store.getState().sampleChanges?.withinShare).toBe(0.75);
    const n = calls().length;
    store.getState().setExplainStep(4);
    store.setState({ thresholds: { thetaX: [7], thetaH: [7] } });
    expect(calls().length).toBe(n);
  });
});

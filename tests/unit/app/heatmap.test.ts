// The heatmap's store side: the grid computes only while its view is open and the workers are free,
// a new setting pauses it and it resumes where it stopped, another model starts it over, and a cell
// click sets both thresholds (tests/e2e/heatmap.test.ts).
import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../../app/store/create-store';
import { connectEngine } from '../../../app/store/engine-sync';
import { FakeClient } from './fake-client';

const flush = () => new Promise((r) => setTimeout(r, 0));

async function setup() {
  const client = new FakeClient();
  const store = createLabStore(client);
  connectEngine(store, client);
  await store.getState().init('');
  await flush();
  return { client, store };
}

const gridCalls = (c: FakeClient) => c.calls.filter((k) => k.method === 'sweepGrid');

describe('heatmap', () => {
  it('computes nothing until the grid view opens, then every row of the 21 x 21 grid', async () => {
    const { client, store } = await setup();
    await flush();
    expect(gridCalls(client)).toHaveLength(0);
    store.getState().setTradeoffView('grid');
    for (let k = 0; k < 30 && store.getState().heatmapStatus !== 'ready'; k++) await flush();
    const g = store.getState().heatmap!;
    expect(store.getState().heatmapStatus).toBe('ready');
    expect(g.thetaX).toEqual(Array.from({ length: 21 }, (_, k) => k));
    expect(g.rows.every((r) => r?.length === 21)).toBe(true);
    expect(g.rows[7]![3]).toMatchObject({ thetaX: 3, thetaH: 7, speedup: 4 });
    expect(gridCalls(client)).toHaveLength(21);
  });

  it('a new setting pauses the grid; it resumes after the evaluation at the first missing row', async () => {
    const { client, store } = await setup();
    client.hold = true;
    store.getState().setTradeoffView('grid');
    await flush();
    client.release(); // row 0
    await flush();
    await flush();
    expect(store.getState().heatmap!.rows[0]).not.toBeNull();
    expect(store.getState().heatmapStatus).toBe('running');
    store.getState().setThreshold('x', 'all', 4);
    await flush();
    expect(store.getState().heatmapStatus).toBe('paused');
    expect(client.calls.some((c) => c.method === 'cancelGrid')).toBe(true);
    const before = gridCalls(client).length;
    client.hold = false;
    client.release();
    for (let k = 0; k < 40 && store.getState().heatmapStatus !== 'ready'; k++) await flush();
    expect(store.getState().heatmapStatus).toBe('ready');
    // Resumed at row 1 (row 0 kept): 20 more rows after the one that was cancelled.
    const after = gridCalls(client).slice(before) as { req: { grid: { thetaH: number }[] } }[];
    expect(after[0].req.grid[0].thetaH).toBe(1);
    expect(after).toHaveLength(20);
  });

  it('another model drops the grid and computes its own', async () => {
    const { store } = await setup();
    store.getState().setTradeoffView('grid');
    for (let k = 0; k < 30 && store.getState().heatmapStatus !== 'ready'; k++) await flush();
    await store.getState().selectModel('digits-dense');
    for (let k = 0; k < 30 && store.getState().heatmap?.modelId !== 'digits-dense'; k++) await flush();
    expect(store.getState().heatmap?.modelId).toBe('digits-dense');
  });

  it('leaving the grid view stops the running row', async () => {
    const { client, store } = await setup();
    client.hold = true;
    store.getState().setTradeoffView('grid');
    await flush();
    expect(store.getState().heatmapStatus).toBe('running');
    store.getState().setTradeoffView('curve');
    expect(store.getState().heatmapStatus).toBe('paused');
  });

  it('computes nothing while the page shows another view (the explanation)', async () => {
    const { client, store } = await setup();
    store.setState({ explainStep: 2 });
    store.getState().setTradeoffView('grid');
    await flush();
    expect(gridCalls(client)).toHaveLength(0);
    store.setState({ explainStep: null });
    for (let k = 0; k < 30 && store.getState().heatmapStatus !== 'ready'; k++) await flush();
    expect(gridCalls(client)).toHaveLength(21);
  });
});

// Windows of pack frames and their changes through the worker's service: a window after the start
// is measured against the frame before it, and bad requests are refused with the right kind.
import { describe, expect, it } from 'vitest';
import { frameChanges } from '../../../src/engine/features/frame-changes';
import { EngineService } from '../../../src/workers/engine-service';
import { toEngineErrorInfo } from '../../../src/workers/errors';
import { inThread, packBytes } from './fixtures';

const kind = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => toEngineErrorInfo(e).kind,
  );

describe('inputChanges', () => {
  it('equals the engine’s changes of the whole item, window by window', async () => {
    const s = new EngineService();
    await s.loadPack('p', packBytes());
    const { pack } = inThread('float');
    const item = pack.items[1];
    const n = pack.inputSize;
    const whole = frameChanges(pack.frames.slice(item.offset * n, (item.offset + item.length) * n), n, 2);
    const all = await s.inputChanges({ packId: 'p', itemIndex: 1, theta: 2 });
    expect(all.changes).toEqual(whole.changes);
    expect(all.withinTheta).toBe(whole.withinTheta);
    const w = await s.inputChanges({ packId: 'p', itemIndex: 1, from: 5, to: 12, theta: 2 });
    expect(w.length).toBe(7);
    expect(w.from).toBe(5);
    expect(Array.from(w.changes)).toEqual(Array.from(whole.changes.subarray(5 * n, 12 * n)));
    expect(w.between).toBe(7 * n);
  });

  it('refuses windows outside the item, bad thresholds and missing items', async () => {
    const s = new EngineService();
    await s.loadPack('p', packBytes());
    expect(await kind(s.inputChanges({ packId: 'p', itemIndex: 0, from: 9999, theta: 0 }))).toBe('not-found');
    expect(await kind(s.inputChanges({ packId: 'p', itemIndex: 0, from: -1, theta: 0 }))).toBe('not-found');
    expect(await kind(s.inputChanges({ packId: 'p', itemIndex: 0, theta: 1.5 }))).toBe('format');
    expect(await kind(s.inputChanges({ packId: 'p', itemIndex: 0, theta: 256 }))).toBe('format');
    expect(await kind(s.inputChanges({ packId: 'p', itemIndex: 10_000, theta: 0 }))).toBe('not-found');
  });
});

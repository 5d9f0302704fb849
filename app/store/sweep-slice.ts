// "Recompute live": a sweep of the current model over a threshold grid, run by the workers.
import type { EngineClient } from '../../src/workers/api';
import { errorText, isCancelled } from './engine-errors';
import { sweepGrid } from './sweep-grid';
import { maxThetaLsb } from './threshold-limits';
import type { Slice, SweepSlice } from './types';

export function createSweepSlice(client: EngineClient): Slice<SweepSlice> {
  return (set, get) => ({
    liveCurves: {},
    sweepModelId: null,
    sweepStatus: 'idle',
    sweepProgress: null,
    runSweep: async () => {
      const { modelId, packId, mode, models, shippedCurves } = get();
      if (!modelId || !packId || !models[modelId]) return;
      const grid = sweepGrid(shippedCurves[modelId], maxThetaLsb(models[modelId]));
      set({ sweepStatus: 'loading', sweepProgress: { done: 0, total: grid.length }, sweepModelId: modelId });
      try {
        const points = await client.sweep({ modelId, packId, mode, grid }, (done, total) => {
          if (get().sweepModelId === modelId) set({ sweepProgress: { done, total } });
        });
        if (get().sweepModelId !== modelId) return;
        set({
          liveCurves: { ...get().liveCurves, [modelId]: { mode, points } },
          sweepModelId: null,
          sweepStatus: 'ready',
          sweepProgress: null,
        });
      } catch (e) {
        if (get().sweepModelId !== modelId) return;
        set({ sweepModelId: null, sweepStatus: isCancelled(e) ? 'idle' : 'error', sweepProgress: null });
        if (!isCancelled(e)) get().notify('error', `The live sweep failed: ${errorText(e)}`);
      }
    },
    cancelSweep: () => {
      set({ sweepModelId: null, sweepStatus: 'idle', sweepProgress: null });
      // The client cancels per method only all at once; the trace and evaluation ask again (engine-sync.ts).
      client.cancelAll();
    },
  });
}

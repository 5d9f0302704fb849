// What is being looked at: task, model, pack item, thresholds, numeric mode.
import type { Thresholds } from '../../src/engine/types';
import type { SelectionSlice, Slice } from './types';

function withLayer(values: number[], layer: number | 'all', lsb: number): number[] {
  return values.map((v, l) => (layer === 'all' || layer === l ? lsb : v));
}

export const createSelectionSlice: Slice<SelectionSlice> = (set, get) => ({
  task: null,
  modelId: null,
  packId: null,
  itemIndex: 0,
  thresholds: null,
  mode: 'fixed',
  setThreshold: (kind, layer, lsb) => {
    const t = get().thresholds;
    if (t === null || !Number.isInteger(lsb) || lsb < 0) return;
    const next: Thresholds =
      kind === 'x'
        ? { thetaX: withLayer(t.thetaX, layer, lsb), thetaH: t.thetaH }
        : { thetaX: t.thetaX, thetaH: withLayer(t.thetaH, layer, lsb) };
    set({ thresholds: next });
  },
  setThresholds: (thresholds) =>
    set({ thresholds: { thetaX: [...thresholds.thetaX], thetaH: [...thresholds.thetaH] } }),
  setItem: (itemIndex) => {
    const pack = get().packId ? get().packs[get().packId as string] : undefined;
    if (!pack || !Number.isInteger(itemIndex) || itemIndex < 0 || itemIndex >= pack.items.length) return;
    set({ itemIndex, position: 0 });
  },
  setMode: (mode) => set({ mode }),
});

// When the heatmap computes: while its view is open and nothing more urgent needs the workers (the
// current setting's trace, evaluation and step timing). A new model, pack or arithmetic drops the old grid.
import type { StoreApi } from 'zustand/vanilla';
import type { LabState } from '../store/types';
import { labGridShown } from '../timing/lab-grid-shown';

export function heatmapWanted(s: LabState): boolean {
  return (
    s.tradeoffView === 'grid' &&
    labGridShown(s) &&
    s.modelId !== null &&
    s.packId !== null &&
    s.recording === null &&
    s.evalStatus !== 'loading' &&
    s.traceStatus !== 'loading' &&
    // The measured time per step is taken on quiet workers (timing-sync.ts).
    s.stepTimingStatus !== 'loading'
  );
}

export function connectHeatmap(store: StoreApi<LabState>): () => void {
  const reconcile = (s: LabState) => {
    const g = s.heatmap;
    if (g && (g.modelId !== s.modelId || g.packId !== s.packId || g.mode !== s.mode)) {
      s.pauseHeatmap();
      store.setState({ heatmap: null, heatmapStatus: 'idle', heatmapProgress: null });
      return;
    }
    const wanted = heatmapWanted(s);
    if (!wanted && s.heatmapStatus === 'running') s.pauseHeatmap();
    else if (wanted && (s.heatmapStatus === 'idle' || s.heatmapStatus === 'paused')) void s.runHeatmap();
  };
  return store.subscribe((s) => reconcile(s));
}

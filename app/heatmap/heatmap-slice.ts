// The lab's Θx × Θh heatmap: a grid of evaluations of the test pack, computed row by row in the
// workers (src/workers/grid-sweep.ts). It yields the workers to anything more urgent (a new setting's
// trace and evaluation) and resumes at the first row it lacks; another model or arithmetic starts over.
import type { CurvePoint, NumericMode } from '../../src/engine/types';
import type { EngineClient } from '../../src/workers/api';
import { type GridRows, runThresholdGrid } from '../../src/workers/grid-sweep';
import { errorText, isCancelled } from '../store/engine-errors';
import { maxThetaLsb } from '../store/threshold-limits';
import type { Progress, Slice } from '../store/types';
import { heatmapAxis } from './heatmap-axis';

export interface HeatmapGrid {
  modelId: string;
  packId: string;
  mode: NumericMode;
  /** Columns (Θx) and rows (Θh), LSB. */
  thetaX: number[];
  thetaH: number[];
  /** rows[r][c]: the point at thetaH[r], thetaX[c]; null until that row is computed. */
  rows: GridRows;
}

export type HeatmapStatus = 'idle' | 'running' | 'paused' | 'ready' | 'error';
export type TradeoffView = 'curve' | 'grid';
/** What the cells' colour shows: the task's metric (accuracy, RMSE) or the speedup. */
export type HeatmapColour = 'metric' | 'speedup';

export interface HeatmapSlice {
  tradeoffView: TradeoffView;
  heatmap: HeatmapGrid | null;
  heatmapStatus: HeatmapStatus;
  heatmapProgress: Progress | null;
  heatmapColour: HeatmapColour;
  setTradeoffView(view: TradeoffView): void;
  setHeatmapColour(colour: HeatmapColour): void;
  /** Starts (or resumes) the grid of the current model, pack and arithmetic. */
  runHeatmap(): Promise<void>;
  /** Stops the running row; finished rows stay and a later run resumes after them. */
  pauseHeatmap(): void;
}

export const heatmapPoint = (g: HeatmapGrid, r: number, c: number): CurvePoint | null =>
  g.rows[r]?.[c] ?? null;

export function createHeatmapSlice(client: EngineClient): Slice<HeatmapSlice> {
  return (set, get) => {
    // Each run has a token; answers of a run that was paused or replaced are dropped.
    let token = 0;
    return {
      tradeoffView: 'curve',
      heatmap: null,
      heatmapStatus: 'idle',
      heatmapProgress: null,
      heatmapColour: 'metric',
      setTradeoffView: (tradeoffView) => set({ tradeoffView }),
      setHeatmapColour: (heatmapColour) => set({ heatmapColour }),
      pauseHeatmap: () => {
        if (get().heatmapStatus !== 'running') return;
        token++;
        set({ heatmapStatus: 'paused' });
        client.cancelGrid();
      },
      runHeatmap: async () => {
        const { modelId, packId, mode, models } = get();
        const info = modelId ? models[modelId] : undefined;
        if (!modelId || !packId || !info) return;
        const old = get().heatmap;
        const same = old && old.modelId === modelId && old.packId === packId && old.mode === mode;
        const axis = heatmapAxis(maxThetaLsb(info));
        const grid: HeatmapGrid = same
          ? old
          : { modelId, packId, mode, thetaX: axis, thetaH: axis, rows: axis.map(() => null) };
        const mine = ++token;
        set({ heatmap: grid, heatmapStatus: 'running' });
        try {
          await runThresholdGrid(
            client,
            { modelId, packId, mode, thetaX: grid.thetaX, thetaH: grid.thetaH },
            {
              rows: grid.rows,
              onRow: (r, points) => {
                const g = get().heatmap;
                if (mine !== token || !g) return;
                set({ heatmap: { ...g, rows: g.rows.map((row, k) => (k === r ? points : row)) } });
              },
              onProgress: (done, total) => {
                if (mine === token) set({ heatmapProgress: { done, total } });
              },
            },
          );
          if (mine === token) set({ heatmapStatus: 'ready', heatmapProgress: null });
        } catch (e) {
          if (mine !== token) return;
          if (isCancelled(e)) {
            // Stopped from outside (cancelAll): the sync resumes it when the workers are free.
            set({ heatmapStatus: 'paused' });
            return;
          }
          set({ heatmapStatus: 'error', heatmapProgress: null });
          get().notify('error', `The threshold grid failed: ${errorText(e)}`);
        }
      },
    };
  };
}

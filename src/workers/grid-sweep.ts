// A Θx × Θh grid over a pack, computed row by row (one Θh per call) through the worker pool: each
// finished row is kept, so a grid cancelled for a more urgent request resumes at the first row it
// lacks instead of starting over. The lab's heatmap and the workers benchmark both run it.
import type { CurvePoint, NumericMode } from '../engine/types';
import type { EngineClient, ProgressFn } from './api';

export interface ThresholdGridRequest {
  modelId: string;
  packId: string;
  mode: NumericMode;
  /** Column values (Θx, LSB) and row values (Θh, LSB); the same Θ applies to every layer. */
  thetaX: number[];
  thetaH: number[];
}

/** rows[r][c] is the point at thetaH[r], thetaX[c]; null while that row is still to come. */
export type GridRows = (CurvePoint[] | null)[];

export interface GridRunOptions {
  /** Rows already computed (from an earlier, cancelled run); missing rows are computed in order. */
  rows?: GridRows;
  onRow?(row: number, points: CurvePoint[]): void;
  /** Cells done (finished rows plus the running row's share) of all cells. */
  onProgress?: ProgressFn;
}

export async function runThresholdGrid(
  client: Pick<EngineClient, 'sweepGrid'>,
  req: ThresholdGridRequest,
  opts: GridRunOptions = {},
): Promise<CurvePoint[][]> {
  const nx = req.thetaX.length;
  const rows: GridRows = req.thetaH.map((_, r) => opts.rows?.[r] ?? null);
  const total = nx * rows.length;
  let done = rows.filter((r) => r !== null).length * nx;
  for (const [r, th] of req.thetaH.entries()) {
    if (rows[r]) continue;
    const grid = req.thetaX.map((tx) => ({ thetaX: tx, thetaH: th }));
    const points = await client.sweepGrid(
      { modelId: req.modelId, packId: req.packId, mode: req.mode, grid },
      // Progress inside one call counts grid points x items; as cells of the whole grid:
      (d, t) => opts.onProgress?.(done + Math.floor((d / Math.max(1, t)) * nx), total),
    );
    rows[r] = points;
    done += nx;
    opts.onRow?.(r, points);
    opts.onProgress?.(done, total);
  }
  return rows as CurvePoint[][];
}

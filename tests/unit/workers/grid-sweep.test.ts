// The grid runner behind the heatmap: one call per row of Θh, rows already known are not asked again,
// progress counts cells of the whole grid, and each row's points are the row's thresholds.
import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../../../src/engine/types';
import type { SweepRequest } from '../../../src/workers/api';
import { runThresholdGrid } from '../../../src/workers/grid-sweep';

function client() {
  const calls: SweepRequest[] = [];
  return {
    calls,
    sweepGrid: async (
      req: SweepRequest,
      onProgress?: (d: number, t: number) => void,
    ): Promise<CurvePoint[]> => {
      calls.push(req);
      onProgress?.(req.grid.length * 5, req.grid.length * 10);
      return req.grid.map((g) => ({
        ...g,
        speedup: 1 + g.thetaX,
        accuracy: 1 - g.thetaH / 10,
        macReduction: 1,
        memReduction: 1,
        occupancy: 1,
      }));
    },
  };
}

const req = { modelId: 'm', packId: 'p', mode: 'fixed' as const, thetaX: [0, 1, 2], thetaH: [0, 4] };

describe('threshold grid', () => {
  it('computes every row in order, one call each, with the row Θh and every column Θx', async () => {
    const c = client();
    const progress: number[] = [];
    const rows = await runThresholdGrid(c, req, { onProgress: (d, t) => progress.push(d / t) });
    expect(c.calls.map((q) => q.grid)).toEqual([
      [0, 1, 2].map((x) => ({ thetaX: x, thetaH: 0 })),
      [0, 1, 2].map((x) => ({ thetaX: x, thetaH: 4 })),
    ]);
    expect(rows[1][2]).toMatchObject({ thetaX: 2, thetaH: 4, speedup: 3, accuracy: 0.6 });
    // Half of row 0, row 0 done, half of row 1, all done.
    expect(progress).toEqual([1 / 6, 3 / 6, 4 / 6, 1]);
  });

  it('resumes: rows given are kept and not asked again', async () => {
    const c = client();
    const known = [0, 1, 2].map((x) => ({
      thetaX: x,
      thetaH: 0,
      speedup: 99,
      macReduction: 1,
      memReduction: 1,
      occupancy: 1,
    }));
    const seen: number[] = [];
    const rows = await runThresholdGrid(c, req, { rows: [known, null], onRow: (r) => seen.push(r) });
    expect(c.calls).toHaveLength(1);
    expect(c.calls[0].grid[0].thetaH).toBe(4);
    expect(seen).toEqual([1]);
    expect(rows[0]).toBe(known);
  });
});

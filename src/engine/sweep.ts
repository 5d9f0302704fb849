// Threshold sweeps: one evaluation per grid point (Θ applied to every layer), returning the
// accuracy/RMSE-versus-cost trade-off curve. The partial form lets a worker pool split by item.
import type { CompiledModel } from './compile';
import { checkPack, type EvalOptions, evaluateRange, itemRange, mergeEvalResults, ticker } from './eval-core';
import { scratchFor } from './scratch';
import { setThresholds, uniformThresholds } from './thresholds';
import type { CurvePoint, EvalResult, SamplePack, TaskMeta } from './types';

export interface GridPoint {
  thetaX: number;
  thetaH: number;
}

/**
 * Items [from, to) at every grid point: one EvalResult per grid point, in grid order. Progress
 * counts grid points x items; cancellation is polled between items.
 */
export function sweepPackPartial(
  cm: CompiledModel,
  pack: SamplePack,
  grid: GridPoint[],
  opts: EvalOptions = {},
): EvalResult[] {
  checkPack(cm, pack);
  const [from, to] = itemRange(pack, opts);
  const sc = scratchFor(cm, opts.scratch);
  const total = grid.length * (to - from);
  const tick = ticker(opts, total);
  const parts = grid.map((g) => {
    setThresholds(sc, uniformThresholds(cm.layers.length, g.thetaX, g.thetaH));
    return evaluateRange(sc, pack, from, to, tick);
  });
  opts.onProgress?.(total, total);
  return parts;
}

export function curvePoint(g: GridPoint, r: EvalResult): CurvePoint {
  const p: CurvePoint = {
    thetaX: g.thetaX,
    thetaH: g.thetaH,
    speedup: r.figures.speedup,
    macReduction: r.figures.macReduction,
    memReduction: r.figures.memReduction,
    occupancy: r.figures.occupancyAll,
  };
  if (r.accuracy !== undefined) p.accuracy = r.accuracy;
  if (r.rmse !== undefined) p.rmse = r.rmse;
  if (r.errorRate !== undefined) p.errorRate = r.errorRate;
  return p;
}

/**
 * The curve from partial sweeps of consecutive item ranges: partials[w] is sweepPackPartial's
 * answer for range w (ranges in item order), all over the same grid.
 */
export function finishSweep(
  grid: GridPoint[],
  partials: EvalResult[][],
  taskKind: TaskMeta['kind'],
): CurvePoint[] {
  for (const p of partials) {
    if (p.length !== grid.length)
      throw new RangeError(`a partial sweep has ${p.length} points, grid ${grid.length}`);
  }
  return grid.map((g, k) =>
    curvePoint(
      g,
      mergeEvalResults(
        partials.map((p) => p[k]),
        taskKind,
      ),
    ),
  );
}

export function sweepPack(
  cm: CompiledModel,
  pack: SamplePack,
  grid: GridPoint[],
  opts: EvalOptions = {},
): CurvePoint[] {
  return finishSweep(grid, [sweepPackPartial(cm, pack, grid, opts)], cm.model.task.kind);
}

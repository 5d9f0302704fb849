// The cells' colour scale (D3): the task's metric or the speedup, over the range of the cells computed
// so far, brighter = better (RMSE and error rate reversed, speedup on a log scale).
import { interpolateViridis, scaleSequential, scaleSequentialLog } from 'd3';
import type { CurvePoint } from '../../src/engine/types';
import { metricOf, type TaskMetric } from '../charts/metric';
import type { HeatmapColour } from './heatmap-slice';

/**
 * Accuracy is coloured over at most this span below the best cell: the settings worth choosing differ
 * by a few points, and a collapsed corner at chance level would otherwise wash them into one colour.
 */
export const ACCURACY_SPAN = 0.3;

export interface CellColour {
  colour(p: CurvePoint): string;
  /** The values at the scale's ends, worst first, and how to read each. */
  lo: number;
  hi: number;
  /** CSS gradient from worst to best, for the legend. */
  gradient: string;
  /** The worst end is a floor: cells below it get its colour (accuracy spans at most ACCURACY_SPAN). */
  clipped: boolean;
}

/** The value a cell's colour shows; an infinite speedup (nothing fired) counts as the largest finite one. */
export function cellValue(p: CurvePoint, colour: HeatmapColour, metric: TaskMetric): number | undefined {
  return colour === 'speedup' ? p.speedup : metricOf(p, metric);
}

export function cellColour(points: CurvePoint[], colour: HeatmapColour, metric: TaskMetric): CellColour {
  const values = points
    .map((p) => cellValue(p, colour, metric))
    .filter((v): v is number => v !== undefined && Number.isFinite(v));
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi === lo) hi = lo + (colour === 'speedup' ? 1 : 1e-3);
  const clipped = colour === 'metric' && metric === 'accuracy' && hi - lo > ACCURACY_SPAN;
  if (clipped) lo = hi - ACCURACY_SPAN;
  const better = colour === 'speedup' || metric === 'accuracy';
  const scale =
    colour === 'speedup'
      ? scaleSequentialLog(interpolateViridis).domain([Math.max(lo, 1e-3), hi])
      : scaleSequential(interpolateViridis)
          .domain(better ? [lo, hi] : [hi, lo])
          .clamp(true);
  if (!better) [lo, hi] = [hi, lo];
  const stops = Array.from({ length: 6 }, (_, k) => interpolateViridis(k / 5));
  return {
    colour: (p) => {
      const v = cellValue(p, colour, metric);
      if (v === undefined || Number.isNaN(v)) return 'transparent';
      return scale(Number.isFinite(v) ? v : Math.max(lo, hi));
    },
    lo,
    hi,
    gradient: `linear-gradient(to right, ${stops.join(', ')})`,
    clipped,
  };
}

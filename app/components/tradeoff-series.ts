// The trade-off chart's curves: one per shipped model of the task, plus the live sweep of the current model.
import { schemeTableau10 } from 'd3';
import type { CurvePoint, NumericMode } from '../../src/engine/types';
import type { ManifestModel } from '../../src/workers/api';
import type { CurveSeries } from '../charts/TradeoffChart';
import type { CurveRow } from '../export/curve-data';
import type { LiveCurve } from '../store/types';

export function tradeoffSeries(
  entries: ManifestModel[],
  task: string | null,
  modelId: string | null,
  shipped: Record<string, CurvePoint[]>,
  live: Record<string, LiveCurve>,
  mode: NumericMode,
): CurveSeries[] {
  const inTask = entries.filter((e) => e.task === task);
  const color = (id: string) =>
    schemeTableau10[
      Math.max(
        0,
        inTask.findIndex((e) => e.id === id),
      ) % 10
    ];
  const out: CurveSeries[] = [];
  for (const e of inTask) {
    const points = shipped[e.id];
    if (points)
      out.push({
        id: e.id,
        modelId: e.id,
        label: e.method,
        color: color(e.id),
        points,
        live: false,
        current: e.id === modelId,
      });
  }
  for (const e of inTask) {
    const curve = live[e.id];
    // A live curve belongs to the arithmetic it was computed in.
    if (!curve || curve.mode !== mode) continue;
    out.push({
      id: `${e.id}-live`,
      modelId: e.id,
      label: `${e.method} (live)`,
      color: color(e.id),
      points: curve.points,
      live: true,
      current: e.id === modelId,
    });
  }
  return out;
}

export function curveRows(series: CurveSeries[], current: CurveRow | null): CurveRow[] {
  const rows: CurveRow[] = series.flatMap((s) =>
    s.points.map((p) => ({
      model: s.modelId,
      label: s.label,
      source: s.live ? ('live' as const) : ('shipped' as const),
      ...p,
    })),
  );
  return current ? [...rows, current] : rows;
}

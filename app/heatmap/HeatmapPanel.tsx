// The trade-off panel's grid view: the task's metric (accuracy, RMSE, digit error rate) and speedup of the test set at every Θx × Θh
// on a 21 × 21 grid, computed live in the workers; a cell click sets both thresholds.
import { useRef, useState } from 'react';
import type { CurvePoint } from '../../src/engine/types';
import { isShare, METRIC_LABELS, metricFor, metricOf, type TaskMetric } from '../charts/metric';
import { useSize } from '../charts/use-size';
import { formatFactor, formatPercent } from '../format/numbers';
import { lsbValue } from '../format/units';
import { useLab } from '../store/lab-context';
import { selectModelInfo } from '../store/selectors';
import { uniformThresholds } from '../store/threshold-limits';
import { type CellRef, HeatmapChart } from './HeatmapChart';
import { cellColour } from './heatmap-colour';
import type { HeatmapColour } from './heatmap-slice';

const uniform = (v: number[]) => (v.every((x) => x === v[0]) ? v[0] : null);

export function HeatmapPanel() {
  const grid = useLab((s) => s.heatmap);
  const status = useLab((s) => s.heatmapStatus);
  const progress = useLab((s) => s.heatmapProgress);
  const colourBy = useLab((s) => s.heatmapColour);
  const setColour = useLab((s) => s.setHeatmapColour);
  const runHeatmap = useLab((s) => s.runHeatmap);
  const thresholds = useLab((s) => s.thresholds);
  const setThresholds = useLab((s) => s.setThresholds);
  const presentation = useLab((s) => s.presentation);
  const info = useLab(selectModelInfo);
  const box = useRef<HTMLDivElement>(null);
  const size = useSize(box);
  const [hover, setHover] = useState<CellRef | null>(null);
  const metric: TaskMetric = metricFor(info?.task);
  const label = METRIC_LABELS[metric];
  const fracBits = info?.fixedPoint.activation.fracBits ?? 0;

  const points = grid ? grid.rows.flatMap((r) => r ?? []) : [];
  const colour = cellColour(points, colourBy, metric);
  const showMetric = (v: number | undefined) =>
    v === undefined ? '–' : isShare(metric) ? formatPercent(v) : v.toFixed(3);
  const showValue = (v: number) => (colourBy === 'speedup' ? formatFactor(v) : showMetric(v));
  const figures = (p: CurvePoint) =>
    `${label} ${showMetric(metricOf(p, metric))}, speedup ${formatFactor(p.speedup)}`;
  const describe = (cell: CellRef, p: CurvePoint | null) => {
    if (!grid) return '';
    const tx = grid.thetaX[cell.c];
    const th = grid.thetaH[cell.r];
    return `Θx ${tx} (${lsbValue(tx, fracBits)}), Θh ${th} (${lsbValue(th, fracBits)}): ${p ? figures(p) : 'not computed yet'}`;
  };
  const tx = thresholds ? uniform(thresholds.thetaX) : null;
  const th = thresholds ? uniform(thresholds.thetaH) : null;
  const current =
    grid && tx !== null && th !== null && grid.thetaX.includes(tx) && grid.thetaH.includes(th)
      ? { r: grid.thetaH.indexOf(th), c: grid.thetaX.indexOf(tx) }
      : null;
  const shown = hover ?? current;
  const fontSize = box.current
    ? Math.round(Number.parseFloat(getComputedStyle(box.current).fontSize) * (presentation ? 1.05 : 0.85))
    : 11;
  const running = status === 'running' || status === 'paused';
  const total = grid ? grid.thetaX.length * grid.thetaH.length : 0;
  const done = progress?.done ?? (grid ? grid.rows.filter(Boolean).length * grid.thetaX.length : 0);

  const pick = (cell: CellRef) => {
    if (!grid || !info) return;
    setThresholds(uniformThresholds({ thetaX: grid.thetaX[cell.c], thetaH: grid.thetaH[cell.r] }, info));
  };

  return (
    <div className="heatmap-panel">
      <div className="chart-box" ref={box}>
        {grid && size.width > 0 && (
          <HeatmapChart
            grid={grid}
            colour={colour}
            width={size.width}
            height={size.height}
            fontSize={fontSize}
            current={current}
            describe={describe}
            onHover={setHover}
            onPick={pick}
          />
        )}
        {!grid && <p className="empty muted">The grid computes when the workers are free…</p>}
      </div>
      <div className="heatmap-legend" data-testid="heatmap-legend">
        {/* biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form field */}
        <span className="seg" role="group" aria-label="Cell colour">
          {(['metric', 'speedup'] as HeatmapColour[]).map((c) => (
            <button
              key={c}
              type="button"
              aria-pressed={colourBy === c}
              onClick={() => setColour(c)}
              data-testid={`heatmap-colour-${c}`}
            >
              {c === 'metric' ? label : 'speedup'}
            </button>
          ))}
        </span>
        <span data-testid="heatmap-lo">
          {points.length ? `${colour.clipped ? '≤ ' : ''}${showValue(colour.lo)}` : '–'}
        </span>
        <span className="ramp" style={{ background: colour.gradient }} aria-hidden="true" />
        <span data-testid="heatmap-hi">{points.length ? showValue(colour.hi) : '–'}</span>
        <span className="key current" aria-hidden="true" />
        <span className="muted">current</span>
        {running ? (
          <>
            <progress value={done} max={Math.max(1, total)} aria-label="Threshold grid progress" />
            <span className="muted" data-testid="heatmap-progress">
              {status === 'paused' ? 'waiting' : `${done}/${total}`}
            </span>
          </>
        ) : status === 'error' ? (
          <button type="button" onClick={() => void runHeatmap()}>
            Retry
          </button>
        ) : null}
      </div>
      <p className="heatmap-readout" data-testid="heatmap-readout">
        {grid && shown ? describe(shown, grid.rows[shown.r]?.[shown.c] ?? null) : ' '}
      </p>
      {grid && (
        <table className="sr-only" data-testid="heatmap-table">
          <caption>
            Test-set {label} and speedup at each threshold setting (rows Θh, columns Θx, in LSB)
          </caption>
          <thead>
            <tr>
              <th scope="col">Θh \ Θx</th>
              {grid.thetaX.map((v) => (
                <th key={v} scope="col">
                  {v}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.thetaH.map((v, r) => (
              <tr key={v}>
                <th scope="row">{v}</th>
                {grid.thetaX.map((u, c) => {
                  const p = grid.rows[r]?.[c];
                  return <td key={u}>{p ? figures(p) : 'not computed yet'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

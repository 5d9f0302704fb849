// Accuracy against speedup (log x) for every model of the task, the live setting as a moving point.
// Hover a point for all its figures, click it to jump to its thresholds. The chart is one Tab stop:
// arrow keys walk the points (←/→ along a curve, ↑/↓ between curves), Enter uses the one shown.
import { line, scaleLinear, scaleLog } from 'd3';
import { type KeyboardEvent, type RefObject, useState } from 'react';
import type { CurvePoint } from '../../src/engine/types';
import { Axis } from './Axis';
import { type Cursor, moveCursor } from './chart-cursor';
import { legendLayout } from './legend-layout';
import { isShare, METRIC_LABELS, metricOf, type TaskMetric } from './metric';
import { TRADEOFF_STYLE } from './tradeoff-style';

export interface CurveSeries {
  id: string;
  modelId: string;
  label: string;
  color: string;
  points: CurvePoint[];
  /** Computed in this session by "recompute live" (dashed). */
  live: boolean;
  current: boolean;
}

export interface LivePoint {
  speedup: number;
  y: number;
  /** The legend's words for it ("current setting: Θx 5, Θh 6"). */
  label: string;
}

export interface Hover {
  series: CurveSeries;
  point: CurvePoint;
  x: number;
  y: number;
}

interface Props {
  series: CurveSeries[];
  live: LivePoint | null;
  metric: TaskMetric;
  width: number;
  height: number;
  /** Font size in px; margins grow with it so tick labels never clip or collide. */
  fontSize: number;
  /** A line at the top of the plot (float mode over the fixed-point curves says so). */
  note?: string;
  svgRef: RefObject<SVGSVGElement | null>;
  onHover(h: Hover | null): void;
  onPick(series: CurveSeries, point: CurvePoint): void;
}

/** Margins in em of the chart's font: room for "100%" at the left and half of "100×" at the right. */
const M_EM = { top: 0.9, right: 1.9, bottom: 2.9, left: 4.7 };

/** 1-2-5 steps of a log axis (only 1-10-100 on a narrow chart), so labels never collide. */
function logTicks(ticks: number[], width: number): number[] {
  const keep = width < 360 ? [1] : [1, 2, 5];
  const mantissa = (v: number) => v / 10 ** Math.floor(Math.log10(v));
  return ticks.filter((v) => keep.some((k) => Math.abs(mantissa(v) - k) < 1e-6));
}

export function TradeoffChart(props: Props) {
  const { series, live, metric, width, height, fontSize, note, svgRef, onHover, onPick } = props;
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const M = {
    top: fontSize * (note ? 2.1 : M_EM.top),
    right: fontSize * M_EM.right,
    bottom: fontSize * M_EM.bottom,
    left: fontSize * M_EM.left,
  };
  const all = series
    .flatMap((s) => s.points)
    .filter((p) => Number.isFinite(p.speedup) && metricOf(p, metric) !== undefined);
  const xs = all.map((p) => p.speedup).concat(live && Number.isFinite(live.speedup) ? [live.speedup] : []);
  const ys = all.map((p) => metricOf(p, metric) as number).concat(live ? [live.y] : []);
  const x = scaleLog(
    [Math.max(0.5, Math.min(1, ...xs) * 0.9), Math.max(2, ...xs) * 1.15],
    [M.left, width - M.right],
  );
  const yLo = ys.length ? Math.min(...ys) : 0;
  const yHi = ys.length ? Math.max(...ys) : 1;
  const y =
    metric === 'accuracy'
      ? scaleLinear([Math.max(0, Math.min(yLo - 0.03, 0.9)), 1], [height - M.bottom, M.top])
      : // Error rates and RMSE: lower is better, zero at the bottom; a share never reads past 100%.
        scaleLinear(
          [0, metric === 'errorRate' ? Math.min(1, Math.max(0.05, yHi * 1.1)) : yHi * 1.1 || 1],
          [height - M.bottom, M.top],
        );
  const xTicks = logTicks(x.ticks(), width);
  const sorted = series.map((s) =>
    s.points
      .filter((p) => Number.isFinite(p.speedup) && metricOf(p, metric) !== undefined)
      .sort((a, b) => a.speedup - b.speedup),
  );
  const at = (si: number, p: CurvePoint): Hover => ({
    series: series[si],
    point: p,
    x: x(p.speedup),
    y: y(metricOf(p, metric) as number),
  });
  // A short chart (presentation type on a projector) cannot name every series in the empty bottom
  // left: then the legend names the model on screen and the dense baseline, the demo's comparison,
  // and the other curves stay, fainter, hovering naming them (legend-layout.ts).
  const legendRowsFit = Math.floor((height - M.top - M.bottom - 10) / (1.25 * fontSize)) - (live ? 1 : 0);
  const legend = legendLayout({
    labels: series.map((s) => s.label),
    keep: series.flatMap((s, i) => (s.current || s.label === 'dense' ? [i] : [])),
    currentLabel: live ? live.label : null,
    fontSize,
    origin: { x: M.left + 8, y: height - M.bottom - 10 },
    rowsFit: legendRowsFit,
    points: sorted.flatMap((pts, si) => pts.map((p) => at(si, p))),
  });
  const listed = legend.entries.map((e) => series[e.series]);
  const cursorPoint = cursor ? sorted[cursor.series]?.[cursor.point] : undefined;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && cursor && cursorPoint) {
      e.preventDefault();
      e.stopPropagation();
      onPick(series[cursor.series], cursorPoint);
      return;
    }
    const start = Math.max(
      0,
      series.findIndex((s) => s.current),
    );
    const next = moveCursor(
      sorted.map((pts) => pts.map((p) => p.speedup)),
      cursor,
      e.key,
      start,
    );
    if (!next) return;
    // The chart owns the arrows while it has focus (they step playback elsewhere).
    e.preventDefault();
    e.stopPropagation();
    setCursor(next);
    onHover(at(next.series, sorted[next.series][next.point]));
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; a focusable group is the ARIA chart pattern
    <svg
      ref={svgRef}
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      className="tradeoff"
      style={{ fontSize }}
      role="group"
      aria-roledescription="chart"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart's one Tab stop, whose arrow keys walk the points
      tabIndex={0}
      aria-label={`Trade-off chart: ${metric} against speedup, ${series.length} curves. Arrow keys move between points, Enter uses a point's thresholds.`}
      data-testid="tradeoff-chart"
      onKeyDown={onKey}
      onBlur={() => {
        setCursor(null);
        onHover(null);
      }}
    >
      <style>{TRADEOFF_STYLE}</style>
      <rect className="bg" width={width} height={height} />
      <g className="grid">
        {xTicks.map((v) => (
          <line key={v} x1={x(v)} x2={x(v)} y1={M.top} y2={height - M.bottom} />
        ))}
      </g>
      {series.map((s, si) => {
        const pts = sorted[si];
        const d = line<CurvePoint>()
          .x((p) => x(p.speedup))
          .y((p) => y(metricOf(p, metric) as number))(pts);
        return (
          <g key={s.id} data-series={s.id} className={listed.includes(s) ? undefined : 'unlisted'}>
            <path
              className={`curve${s.live ? ' live' : ''}${s.current ? ' current' : ''}`}
              stroke={s.color}
              d={d ?? ''}
            />
            {pts.map((p) => {
              const h = at(si, p);
              return (
                // biome-ignore lint/a11y/noStaticElementInteractions: the chart's arrow keys and Enter reach every point
                <circle
                  key={`${p.thetaX}-${p.thetaH}`}
                  className={`pt${cursorPoint === p ? ' cursor' : ''}`}
                  cx={h.x}
                  cy={h.y}
                  r={s.current ? 4.5 : 3.5}
                  fill={s.color}
                  data-point={`Θx ${p.thetaX}, Θh ${p.thetaH}`}
                  onMouseEnter={() => onHover(h)}
                  onMouseLeave={() => onHover(null)}
                  onClick={() => onPick(s, p)}
                />
              );
            })}
          </g>
        );
      })}
      {live && Number.isFinite(live.speedup) && (
        <circle
          className="live-point"
          data-testid="live-point"
          data-speedup={live.speedup}
          data-y={live.y}
          cx={x(live.speedup)}
          cy={y(live.y)}
          r={6}
        />
      )}
      {/* Bottom left stays empty on these charts (low speedup with low accuracy does not happen);
          rows are spaced in em so the legend grows with presentation mode's larger type. */}
      {/* The current setting's entry is the bottom row. */}
      <g
        className="legend"
        data-listed={listed.length}
        transform={`translate(${M.left + 8},${height - M.bottom - 10})`}
      >
        {legend.entries.map(({ series: k, dx, dyEm }) => {
          const s = series[k];
          const rowY = `${dyEm}em`;
          return (
            <g key={s.id} transform={`translate(${dx},0)`}>
              <line
                x1={0}
                x2={14}
                y1={rowY}
                y2={rowY}
                stroke={s.color}
                strokeWidth={2.5}
                strokeDasharray={s.live ? '4 2' : undefined}
              />
              <text x={18} y={rowY} dy="0.32em">
                {s.label}
              </text>
            </g>
          );
        })}
        {live && (
          <g data-testid="legend-current">
            <circle className="live-point" cx={7} cy={0} r={4.5} />
            <text x={18} y={0} dy="0.32em">
              {legend.currentLabel}
            </text>
          </g>
        )}
      </g>
      {note && (
        <text className="chart-note" x={M.left} y={fontSize * 1.1} data-testid="chart-note">
          {note}
        </text>
      )}
      <Axis
        scale={x}
        orient="bottom"
        at={height - M.bottom}
        values={xTicks}
        format={(v) => `${v}×`}
        label="speedup (log)"
      />
      <Axis
        scale={y}
        orient="left"
        at={M.left}
        ticks={5}
        format={(v) => (isShare(metric) ? `${Math.round(v * 100)}%` : v.toFixed(2))}
        label={METRIC_LABELS[metric]}
        labelX={fontSize * 0.9}
      />
    </svg>
  );
}

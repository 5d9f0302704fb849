// Accuracy against speedup (log x) for every model of the task, the live setting as a moving point.
// Hover a point for all its figures, click it (or press Enter on it) to jump to its thresholds.
import { line, scaleLinear, scaleLog } from 'd3';
import type { RefObject } from 'react';
import type { CurvePoint } from '../../src/engine/types';
import { Axis } from './Axis';
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
  metric: 'accuracy' | 'rmse';
  width: number;
  height: number;
  svgRef: RefObject<SVGSVGElement | null>;
  onHover(h: Hover | null): void;
  onPick(series: CurveSeries, point: CurvePoint): void;
}

const M = { top: 10, right: 12, bottom: 32, left: 44 };

/** 1-2-5 steps of a log axis (only 1-10-100 on a narrow chart), so labels never collide. */
function logTicks(ticks: number[], width: number): number[] {
  const keep = width < 360 ? [1] : [1, 2, 5];
  const mantissa = (v: number) => v / 10 ** Math.floor(Math.log10(v));
  return ticks.filter((v) => keep.some((k) => Math.abs(mantissa(v) - k) < 1e-6));
}

const metricOf = (p: CurvePoint, metric: Props['metric']) => (metric === 'accuracy' ? p.accuracy : p.rmse);

export function TradeoffChart({ series, live, metric, width, height, svgRef, onHover, onPick }: Props) {
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
      : scaleLinear([0, yHi * 1.1 || 1], [height - M.bottom, M.top]);
  const xTicks = logTicks(x.ticks(), width);
  return (
    <svg
      ref={svgRef}
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      className="tradeoff"
      role="img"
      aria-label={`Trade-off chart: ${metric} against speedup`}
    >
      <style>{TRADEOFF_STYLE}</style>
      <rect className="bg" width={width} height={height} />
      <g className="grid">
        {xTicks.map((v) => (
          <line key={v} x1={x(v)} x2={x(v)} y1={M.top} y2={height - M.bottom} />
        ))}
      </g>
      {series.map((s) => {
        const pts = s.points
          .filter((p) => Number.isFinite(p.speedup) && metricOf(p, metric) !== undefined)
          .sort((a, b) => a.speedup - b.speedup);
        const d = line<CurvePoint>()
          .x((p) => x(p.speedup))
          .y((p) => y(metricOf(p, metric) as number))(pts);
        return (
          <g key={s.id} data-series={s.id}>
            <path
              className={`curve${s.live ? ' live' : ''}${s.current ? ' current' : ''}`}
              stroke={s.color}
              d={d ?? ''}
            />
            {pts.map((p) => {
              const cx = x(p.speedup);
              const cy = y(metricOf(p, metric) as number);
              const pick = () => onPick(s, p);
              return (
                // biome-ignore lint/a11y/useSemanticElements: an SVG point cannot be a <button>
                <circle
                  key={`${p.thetaX}-${p.thetaH}`}
                  className="pt"
                  cx={cx}
                  cy={cy}
                  r={s.current ? 4.5 : 3.5}
                  fill={s.color}
                  tabIndex={0}
                  role="button"
                  aria-label={`${s.label}: Θx ${p.thetaX}, Θh ${p.thetaH}`}
                  onMouseEnter={() => onHover({ series: s, point: p, x: cx, y: cy })}
                  onFocus={() => onHover({ series: s, point: p, x: cx, y: cy })}
                  onMouseLeave={() => onHover(null)}
                  onBlur={() => onHover(null)}
                  onClick={pick}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      e.stopPropagation();
                      pick();
                    }
                  }}
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
      <g className="legend" transform={`translate(${M.left + 8},${height - M.bottom - 10})`}>
        {series.map((s, i) => (
          <g key={s.id}>
            <line
              x1={0}
              x2={14}
              y1={`${-1.25 * (series.length - 1 - i)}em`}
              y2={`${-1.25 * (series.length - 1 - i)}em`}
              stroke={s.color}
              strokeWidth={2.5}
              strokeDasharray={s.live ? '4 2' : undefined}
            />
            <text x={18} y={`${-1.25 * (series.length - 1 - i)}em`} dy="0.32em">
              {s.label}
            </text>
          </g>
        ))}
      </g>
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
        format={(v) => (metric === 'accuracy' ? `${Math.round(v * 100)}%` : v.toFixed(2))}
        label={metric}
      />
    </svg>
  );
}

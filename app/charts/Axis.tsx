// An axis drawn by React from a D3 scale's ticks (D3 computes, React renders).
import type { ScaleLinear, ScaleLogarithmic } from 'd3';

interface AxisProps {
  scale: ScaleLinear<number, number> | ScaleLogarithmic<number, number>;
  orient: 'bottom' | 'left';
  /** Position of the axis line: y for bottom, x for left. */
  at: number;
  ticks?: number;
  /** Explicit tick values (a log axis keeps 1-2-5 steps so labels do not collide). */
  values?: number[];
  format?: (v: number) => string;
  label?: string;
  /** Left axis: x of the rotated label from the chart's left edge (clear of the tick labels). */
  labelX?: number;
}

export function Axis({ scale, orient, at, ticks = 5, values: given, format, label, labelX = 10 }: AxisProps) {
  const values = given ?? scale.ticks(ticks);
  const fmt = format ?? scale.tickFormat(ticks);
  const [r0, r1] = scale.range();
  if (orient === 'bottom') {
    return (
      <g className="axis" transform={`translate(0,${at})`}>
        <line x1={r0} x2={r1} />
        {values.map((v) => (
          <g key={v} transform={`translate(${scale(v)},0)`}>
            <line y2={4} />
            <text y="1.3em" textAnchor="middle">
              {fmt(v)}
            </text>
          </g>
        ))}
        {label && (
          // Centred under the ticks, a line below them, so it never meets a tick label.
          <text className="axis-label" x={(r0 + r1) / 2} y="2.55em" textAnchor="middle">
            {label}
          </text>
        )}
      </g>
    );
  }
  return (
    <g className="axis" transform={`translate(${at},0)`}>
      <line y1={r0} y2={r1} />
      {values.map((v) => (
        <g key={v} transform={`translate(0,${scale(v)})`}>
          <line x2={-4} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {fmt(v)}
          </text>
        </g>
      ))}
      {label && (
        <text
          className="axis-label"
          transform={`translate(${-at + labelX},${r1}) rotate(-90)`}
          textAnchor="end"
        >
          {label}
        </text>
      )}
    </g>
  );
}

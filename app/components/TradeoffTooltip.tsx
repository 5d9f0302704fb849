// Every figure of one curve point, next to it on the chart.
import type { Hover } from '../charts/TradeoffChart';
import { formatFactor, formatPercent } from '../format/numbers';

export function TradeoffTooltip({ hover, width }: { hover: Hover; width: number }) {
  const p = hover.point;
  const left = hover.x > width / 2;
  return (
    <div
      className="tooltip"
      role="status"
      style={{ top: hover.y + 8, ...(left ? { right: width - hover.x + 8 } : { left: hover.x + 8 }) }}
    >
      <strong>{hover.series.label}</strong>
      <dl>
        <dt>Θx / Θh</dt>
        <dd>
          {p.thetaX} / {p.thetaH} LSB
        </dd>
        {p.accuracy !== undefined && (
          <>
            <dt>accuracy</dt>
            <dd>{formatPercent(p.accuracy)}</dd>
          </>
        )}
        {p.errorRate !== undefined && (
          <>
            <dt>digit error rate</dt>
            <dd>{formatPercent(p.errorRate)}</dd>
          </>
        )}
        {p.rmse !== undefined && (
          <>
            <dt>RMSE</dt>
            <dd>{p.rmse.toFixed(3)}</dd>
          </>
        )}
        <dt>speedup</dt>
        <dd>{formatFactor(p.speedup)}</dd>
        <dt>MAC reduction</dt>
        <dd>{formatFactor(p.macReduction)}</dd>
        <dt>memory reduction</dt>
        <dd>{formatFactor(p.memReduction)}</dd>
        <dt>occupancy</dt>
        <dd>{formatPercent(p.occupancy)}</dd>
      </dl>
      <small>click to use these thresholds</small>
    </div>
  );
}

// The trade-off chart with its actions: recompute live (a sweep in the workers) and the exports.
import { useRef, useState } from 'react';
import { METRIC_LABELS, metricFor, metricOf } from '../charts/metric';
import { type Hover, TradeoffChart } from '../charts/TradeoffChart';
import { useSize } from '../charts/use-size';
import { type CurveRow, curvesToCsv, curvesToJson } from '../export/curve-data';
import { download, downloadText } from '../export/download';
import { svgText, svgToPng } from '../export/svg-export';
import { errorText } from '../store/engine-errors';
import { useLab } from '../store/lab-context';
import { selectModelInfo } from '../store/selectors';
import { uniformThresholds } from '../store/threshold-limits';
import { TradeoffTooltip } from './TradeoffTooltip';
import { curveRows, tradeoffSeries } from './tradeoff-series';

const joined = (v: number[]) => (v.every((x) => x === v[0]) ? v[0] : v.join(';'));

export function TradeoffPanel() {
  const entries = useLab((s) => s.modelEntries);
  const task = useLab((s) => s.task);
  const modelId = useLab((s) => s.modelId);
  const shipped = useLab((s) => s.shippedCurves);
  const liveCurves = useLab((s) => s.liveCurves);
  const mode = useLab((s) => s.mode);
  const sweepStatus = useLab((s) => s.sweepStatus);
  const sweepProgress = useLab((s) => s.sweepProgress);
  const evaluation = useLab((s) => s.evaluation);
  const thresholds = useLab((s) => s.thresholds);
  const info = useLab(selectModelInfo);
  const runSweep = useLab((s) => s.runSweep);
  const cancelSweep = useLab((s) => s.cancelSweep);
  const selectModel = useLab((s) => s.selectModel);
  const setThresholds = useLab((s) => s.setThresholds);
  const notify = useLab((s) => s.notify);
  const box = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const size = useSize(box);
  const [hover, setHover] = useState<Hover | null>(null);

  const series = tradeoffSeries(entries, task, modelId, shipped, liveCurves, mode);
  const metric = metricFor(info?.task);
  const liveY = evaluation ? metricOf(evaluation, metric) : undefined;
  const presentation = useLab((s) => s.presentation);
  const live =
    evaluation && liveY !== undefined && thresholds
      ? {
          speedup: evaluation.figures.speedup,
          y: liveY,
          label: `current (${mode === 'float' ? 'float' : 'fixed'}): Θx ${joined(thresholds.thetaX)}, Θh ${joined(thresholds.thetaH)}`,
        }
      : null;
  // The shipped curves were measured in fixed point; next to a float setting that is said on the chart.
  const note =
    mode === 'float' && series.some((s) => !s.live)
      ? 'solid curves: shipped, fixed point; the point: float'
      : undefined;
  // The chart's type follows the page's (larger on big screens and in presentation mode).
  const fontSize = box.current
    ? Math.round(Number.parseFloat(getComputedStyle(box.current).fontSize) * (presentation ? 1.05 : 0.85))
    : 11;
  const model = entries.find((e) => e.id === modelId);
  const title = `DeltaLab: ${METRIC_LABELS[metric]} against speedup, ${task ?? ''} test set${model ? ` (current: ${model.method})` : ''}`;
  const current: CurveRow | null =
    evaluation && thresholds && modelId
      ? {
          model: modelId,
          label: 'current setting',
          source: 'current',
          thetaX: joined(thresholds.thetaX),
          thetaH: joined(thresholds.thetaH),
          accuracy: evaluation.accuracy,
          rmse: evaluation.rmse,
          errorRate: evaluation.errorRate,
          speedup: evaluation.figures.speedup,
          macReduction: evaluation.figures.macReduction,
          memReduction: evaluation.figures.memReduction,
          occupancy: evaluation.figures.occupancyAll,
        }
      : null;
  const name = `deltalab-tradeoff-${task ?? 'lab'}`;
  const rows = () => curveRows(series, current);
  const sweeping = sweepStatus === 'loading';

  const exportPng = () => {
    if (!svgRef.current) return;
    svgToPng(svgRef.current, title)
      .then((blob) => download(blob, `${name}.png`))
      .catch((e) => notify('error', `PNG export failed: ${errorText(e)}`));
  };

  return (
    <div className="tradeoff-panel">
      <div className="toolbar">
        {sweeping ? (
          <>
            <progress
              value={sweepProgress?.done ?? 0}
              max={Math.max(1, sweepProgress?.total ?? 1)}
              aria-label="Live sweep progress"
            />
            <button type="button" onClick={cancelSweep}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void runSweep()} disabled={!modelId} data-testid="recompute">
            Recompute live
          </button>
        )}
        <span className="spacer" />
        <span className="export-group hide-in-presentation">
          <span className="muted">export</span>
          <button
            type="button"
            onClick={() =>
              svgRef.current && downloadText(svgText(svgRef.current, title), `${name}.svg`, 'image/svg+xml')
            }
          >
            SVG
          </button>
          <button type="button" onClick={exportPng}>
            PNG
          </button>
          <button
            type="button"
            data-testid="export-csv"
            onClick={() => downloadText(curvesToCsv(rows()), `${name}.csv`, 'text/csv')}
          >
            CSV
          </button>
          <button
            type="button"
            onClick={() => downloadText(curvesToJson(rows()), `${name}.json`, 'application/json')}
          >
            JSON
          </button>
        </span>
      </div>
      <div className="chart-box" ref={box}>
        {size.width > 0 && (
          <TradeoffChart
            series={series}
            live={live}
            metric={metric}
            width={size.width}
            height={size.height}
            fontSize={fontSize}
            note={note}
            svgRef={svgRef}
            onHover={setHover}
            onPick={(s, p) => {
              if (s.modelId === modelId && info) setThresholds(uniformThresholds(p, info));
              else void selectModel(s.modelId, { uniform: p });
            }}
          />
        )}
        {hover && <TradeoffTooltip hover={hover} width={size.width} />}
        {series.length === 0 && (
          <p className="empty muted">No curves yet: this model ships none. Use “Recompute live”.</p>
        )}
      </div>
    </div>
  );
}

// Dense against delta cost for the current sequence and for the whole test set, as the engine computed them.
import { Fragment } from 'react';
import type { CostFigures } from '../../src/engine/types';
import { metricFor } from '../charts/metric';
import { formatCount, formatFactor, formatPercent } from '../format/numbers';
import { formatMicros } from '../format/units';
import { useLab } from '../store/lab-context';
import { selectModelInfo } from '../store/selectors';

interface Row {
  name: string;
  title: string;
  show(f: CostFigures): string;
  /** A breakdown a projector audience can do without (styles.css drops it in presentation on short screens). */
  detail?: boolean;
}

const ROWS: Row[] = [
  {
    name: 'Speedup',
    title: 'Σ dense cost / Σ delta cost (with the delta overhead)',
    show: (f) => formatFactor(f.speedup),
  },
  {
    name: 'Dense MACs',
    title: 'matrix-vector MACs of the dense GRU',
    show: (f) => formatCount(f.denseMacs),
    detail: true,
  },
  {
    name: 'Delta MACs',
    title: 'matrix-vector MACs of the delta GRU',
    show: (f) => formatCount(f.deltaMacs),
    detail: true,
  },
  { name: 'MAC reduction', title: 'Σ dense MACs / Σ delta MACs', show: (f) => formatFactor(f.macReduction) },
  {
    name: 'Memory reduction',
    title: 'Σ dense memory accesses / Σ delta memory accesses',
    show: (f) => formatFactor(f.memReduction),
    detail: true,
  },
];

export function CostMeter() {
  const seq = useLab((s) => s.trace?.figures);
  const traceStatus = useLab((s) => s.traceStatus);
  const evaluation = useLab((s) => s.evaluation);
  const evalStatus = useLab((s) => s.evalStatus);
  const progress = useLab((s) => s.evalProgress);
  const info = useLab(selectModelInfo);
  const timing = useLab((s) => s.stepTiming);
  const timingStatus = useLab((s) => s.stepTimingStatus);
  const recording = useLab((s) => s.recording !== null);
  const set = evaluation?.figures;
  const layers = info?.layers.map((_, l) => l) ?? [];
  const busy = evalStatus === 'loading';
  // Figures on screen that no longer match the setting (a recomputation pending or failed) say so.
  const seqStale = traceStatus === 'loading' || traceStatus === 'error' ? 'stale' : undefined;
  const setStale = busy || evalStatus === 'error' ? 'stale' : undefined;
  const timingStale = timingStatus === 'loading' || timingStatus === 'error' ? 'stale' : undefined;
  const timingTitle = timing
    ? `wall-clock time per step in this browser, measured in an engine worker (${timing.kernel === 'wasm' ? 'WebAssembly SIMD' : 'TypeScript'} kernels) on this sequence: dense GRU against delta GRU at this setting, median of ${timing.rounds} interleaved rounds of ${timing.repeats} runs`
    : 'wall-clock time per step in this browser, measured in an engine worker on this sequence';
  const measured = (show: (t: NonNullable<typeof timing>) => string) =>
    recording
      ? 'not measured'
      : timingStatus === 'error' && !timing
        ? 'not measured'
        : timing
          ? show(timing)
          : '…';
  const cell = (f: CostFigures | undefined, show: (f: CostFigures) => string) => (f ? show(f) : '…');
  const metric = metricFor(info?.task);
  const accuracy =
    metric === 'errorRate' && evaluation?.errorRate !== undefined
      ? formatPercent(evaluation.errorRate)
      : evaluation?.accuracy !== undefined
        ? formatPercent(evaluation.accuracy)
        : evaluation?.rmse !== undefined
          ? `RMSE ${evaluation.rmse.toFixed(3)}`
          : '…';
  // The accuracy the speedup costs sits right under the speedup: the pair the lab is about stays in
  // view when the breakdown below has to scroll.
  const accuracyRow = (
    <tr className="accuracy">
      <th
        scope="row"
        title={
          metric === 'errorRate'
            ? 'edit distance / reference length, summed over the set (lower is better)'
            : undefined
        }
      >
        {metric === 'errorRate' ? 'Digit error rate' : 'Accuracy'}
      </th>
      <td />
      <td data-testid="set-accuracy" className={setStale}>
        {accuracy}
      </td>
    </tr>
  );
  return (
    <table
      className="cost-meter"
      data-testid="cost-meter"
      data-status={evalStatus}
      data-speedup={set?.speedup}
      data-seq-speedup={seq?.speedup}
    >
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">figure</span>
          </th>
          <th scope="col" className={seqStale}>
            this sequence
            {traceStatus === 'error' && seq ? ' (stale)' : ''}
          </th>
          <th scope="col" className={setStale} data-testid="set-header">
            test set{evaluation ? ` (${evaluation.n})` : ''}
            {busy && progress ? ` ${Math.floor((100 * progress.done) / Math.max(1, progress.total))}%` : ''}
            {evalStatus === 'error' && evaluation ? ' (stale: not updated)' : ''}
          </th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((r) => (
          <Fragment key={r.name}>
            <tr className={r.name === 'Speedup' ? 'headline' : r.detail ? 'detail' : undefined}>
              <th scope="row" title={r.title}>
                {r.name}
              </th>
              <td data-testid={`seq-${r.name}`} className={seqStale}>
                {cell(seq, r.show)}
              </td>
              <td data-testid={`set-${r.name}`} className={setStale}>
                {cell(set, r.show)}
              </td>
            </tr>
            {r.name === 'Speedup' && accuracyRow}
          </Fragment>
        ))}
        <tr className="measured" data-testid="measured-row" data-kernel={timing?.kernel}>
          <th scope="row" title={timingTitle}>
            Measured speedup
          </th>
          <td data-testid="measured-speedup" className={timingStale} title={timingTitle}>
            {measured((t) => formatFactor(t.measuredSpeedup))}
          </td>
          <td />
        </tr>
        <tr className="measured detail">
          <th scope="row" title={`${timingTitle}: dense → delta`}>
            Measured µs/step
          </th>
          <td
            data-testid="measured-step"
            className={timingStale}
            title={`${timingTitle}: dense → delta`}
            data-dense-us={timing?.denseUsPerStep}
            data-delta-us={timing?.deltaUsPerStep}
          >
            {measured(
              (t) => `${formatMicros(t.denseUsPerStep, false)} → ${formatMicros(t.deltaUsPerStep, false)}`,
            )}
          </td>
          <td />
        </tr>
        {layers.length > 1 &&
          layers.map((l) => (
            <tr key={`speedup-${l}`}>
              <th scope="row" title="this layer's Σ dense cost / Σ delta cost">
                Speedup L{l + 1}
              </th>
              <td className={seqStale} data-testid={`seq-speedup-L${l + 1}`}>
                {cell(seq, (f) => formatFactor(f.layerSpeedup[l]))}
              </td>
              <td className={setStale} data-testid={`set-speedup-L${l + 1}`}>
                {cell(set, (f) => formatFactor(f.layerSpeedup[l]))}
              </td>
            </tr>
          ))}
        {layers.map((l) => (
          <tr key={`occ-${l}`}>
            <th scope="row" title="(n_x + n_h) / (I + H), averaged over steps">
              Occupancy L{l + 1}
            </th>
            <td className={seqStale}>{cell(seq, (f) => formatPercent(f.occupancy[l]))}</td>
            <td className={setStale}>{cell(set, (f) => formatPercent(f.occupancy[l]))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

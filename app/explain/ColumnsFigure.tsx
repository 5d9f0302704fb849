// Step 2: the matrix-vector product W·Δ as columns, one per input and hidden unit of layer 1. Dense reads
// every column at every step; delta reads only the columns of the units that fired, and the
// accumulator keeps the rest of the sum. The counters are the engine's section 3 rows up to the playhead.
import { bit } from '../canvas/trace-access';
import { formatCount, formatFactor } from '../format/numbers';
import { useLab } from '../store/lab-context';
import { selectStep } from '../store/selectors';
import { ExplainFigure } from './Figure';

const W = 720;
const ROW = 54;

export function ColumnsFigure() {
  const result = useLab((s) => s.trace);
  const position = useLab(selectStep);
  const trace = result?.trace;
  const costs = result?.stepCosts;
  if (!trace || !costs || trace.steps === 0)
    return <ExplainFigure caption="Waiting for the engine’s trace…">{null}</ExplainFigure>;
  const t = Math.min(trace.steps - 1, Math.max(0, position));
  const L = trace.layers[0];
  const n = L.inputSize + L.hiddenSize;
  const col = W / n;
  const fired = (k: number) =>
    k < L.inputSize ? bit(L.firedX, L.inputSize, t, k) : bit(L.firedH, L.hiddenSize, t, k - L.inputSize);
  const row = costs.layers[0][t];
  const dense = costs.denseMacsSoFar[t];
  const delta = costs.deltaMacsSoFar[t];
  const columns = (y: number, lit: (k: number) => boolean) =>
    Array.from({ length: n }, (_, k) => (
      <rect
        // biome-ignore lint/suspicious/noArrayIndexKey: a column is its index
        key={k}
        x={k * col}
        y={y}
        width={Math.max(1, col - (col > 3 ? 1 : 0))}
        height={ROW}
        className={lit(k) ? (k < L.inputSize ? 'col-x' : 'col-h') : 'col-off'}
      />
    ));
  const caption =
    `Step ${t + 1} of ${trace.steps}, layer 1: ${L.nx[t]} of ${L.inputSize} inputs and ${L.nh[t]} of ${L.hiddenSize} hidden units changed by more than Θ, ` +
    `so delta reads ${L.nx[t] + L.nh[t]} of ${n} columns (${formatCount(row.deltaMacs)} MACs) where dense reads all ${n} (${formatCount(row.denseMacs)}). ` +
    `So far, whole network: dense ${formatCount(dense)} MACs, delta ${formatCount(delta)}.`;
  return (
    <ExplainFigure caption={caption}>
      <svg viewBox={`0 0 ${W} ${2 * ROW + 56}`} className="explain-columns" role="img" aria-label={caption}>
        <text x={0} y={12} className="fig-label">
          dense: all {n} columns of W, every step
        </text>
        {columns(18, () => true)}
        <text x={0} y={ROW + 40} className="fig-label">
          delta: only the columns of units that fired (x orange, h blue); the accumulator keeps the sum
        </text>
        {columns(ROW + 46, fired)}
      </svg>
      <div className="mac-counters" data-testid="mac-counters" data-dense={dense} data-delta={delta}>
        <div>
          <span className="muted">dense MACs so far</span>
          <strong>{formatCount(dense)}</strong>
        </div>
        <div>
          <span className="muted">delta MACs so far</span>
          <strong className="accent">{formatCount(delta)}</strong>
        </div>
        <div>
          <span className="muted">whole sequence: MAC reduction</span>
          <strong>{formatFactor(result.figures?.macReduction)}</strong>
        </div>
      </div>
    </ExplainFigure>
  );
}

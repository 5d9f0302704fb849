// Step 6: the trade-off chart of the task's training methods (the lab's own chart, shipped and live
// curves), with one sentence on what each method does to the curve.
import { TradeoffPanel } from '../components/TradeoffPanel';
import { useLab } from '../store/lab-context';
import { ExplainFigure } from './Figure';

/** What each training method does, and why it moves the curve. */
export const METHOD_NOTES: Record<string, string> = {
  dense:
    'an ordinary GRU, thresholds applied only afterwards: it never learned to live with held values, so accuracy falls first as Θ grows.',
  rounded:
    'activations rounded to Q3.4 while training: the network already expects the fixed-point grid, so small Θ costs little.',
  noise:
    'Gaussian noise on the inputs of the weight matrices while training: it learns to ignore small errors like the ones a threshold leaves.',
  delta:
    'trained as a delta network with the threshold in the loop: it learns with the very errors it will see, and the curve moves right.',
  'delta-l1':
    'delta training plus an L1 cost on the hidden changes: it learns to change its hidden state less, so fewer units fire at the same accuracy.',
};

export function MethodsFigure() {
  const entries = useLab((s) => s.modelEntries);
  const task = useLab((s) => s.task);
  const methods = entries.filter((e) => e.task === task).map((e) => e.method);
  const caption = `Accuracy against speedup (log scale) for ${methods.join(', ')}: each curve is one trained model swept over Θ; the ring is the current setting.`;
  return (
    <ExplainFigure caption={caption}>
      <div className="explain-split">
        <ul className="method-notes">
          {methods.map((m) => (
            <li key={m}>
              <strong>{m}</strong>: {METHOD_NOTES[m] ?? 'a model of this task.'}
            </li>
          ))}
        </ul>
        <div className="explain-chart">
          <TradeoffPanel />
        </div>
      </div>
    </ExplainFigure>
  );
}

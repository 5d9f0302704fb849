// What the network answers: class probabilities over time, the final answer, right or wrong.
import { useRef } from 'react';
import { ProbabilityChart } from '../charts/ProbabilityChart';
import { useSize } from '../charts/use-size';
import { formatPercent } from '../format/numbers';
import { useLab } from '../store/lab-context';
import { selectItem, selectModelInfo, selectStep } from '../store/selectors';

export function Prediction() {
  const result = useLab((s) => s.trace);
  const info = useLab(selectModelInfo);
  const item = useLab(selectItem);
  // A recording has no known answer: no verdict, no true class marked.
  const ownRecording = useLab((s) => s.recording !== null);
  const step = useLab(selectStep);
  const box = useRef<HTMLDivElement>(null);
  const size = useSize(box);
  const trace = result?.trace;
  const classes =
    info?.task.kind === 'classification' ? info.task.classNames : (info?.task.outputNames ?? []);
  const predicted = result?.prediction ?? -1;
  const label = ownRecording ? -1 : (item?.label ?? -1);
  const isClass = info?.task.kind === 'classification';
  const right = isClass && predicted >= 0 && predicted === label;
  return (
    <div className="prediction">
      <div className="answer" aria-live="polite" data-testid="prediction">
        {result && isClass ? (
          <>
            <span className="answer-class">{classes[predicted] ?? predicted}</span>
            <span className="muted"> {formatPercent(result.probs[predicted], 0)}</span>
            {!ownRecording && (
              <span className={right ? 'verdict right' : 'verdict wrong'}>
                {right ? '✓ right' : `✗ wrong (is ${classes[label] ?? label})`}
              </span>
            )}
          </>
        ) : (
          <span className="muted">{result ? 'regression output' : 'running…'}</span>
        )}
      </div>
      <div className="chart-box" ref={box}>
        {trace && (
          <ProbabilityChart
            probs={trace.probs}
            steps={trace.steps}
            classes={classes}
            predicted={predicted}
            label={isClass ? label : -1}
            step={step}
            width={size.width}
            height={size.height}
          />
        )}
      </div>
    </div>
  );
}

// The string's transcript growing with the playhead: the digits greedy-decoded up to this frame (the
// worker's trace transcript), next to the reference; below, the per-frame emission probabilities.
import { useLab } from '../store/lab-context';
import { selectItem, selectModelInfo, selectStep } from '../store/selectors';
import { digitsText, emittedUpTo } from './digits';
import { EmissionCanvas } from './EmissionCanvas';

export function TranscriptPanel() {
  const transcript = useLab((s) => s.trace?.transcript);
  const info = useLab(selectModelInfo);
  const item = useLab(selectItem);
  const step = useLab(selectStep);
  const classes = info?.task.kind === 'classification' ? info.task.classNames : [];
  const so = transcript ? emittedUpTo(transcript.emitted, step) : [];
  const reference = item?.labels ?? [];
  const done = transcript ? step >= transcript.emitted.length - 1 : false;
  const same = done && transcript ? transcript.labels.join() === reference.join() : false;
  return (
    <div className="transcript-panel">
      <dl className="transcript">
        <dt>heard</dt>
        <dd className="transcript-heard" data-testid="transcript" data-count={so.length} aria-live="polite">
          {transcript ? digitsText(so, classes) : '…'}
          {done && <span className={same ? 'verdict right' : 'verdict wrong'}>{same ? '✓' : '✗'}</span>}
        </dd>
        <dt>said</dt>
        <dd data-testid="reference">{digitsText(reference, classes)}</dd>
      </dl>
      <EmissionCanvas />
    </div>
  );
}

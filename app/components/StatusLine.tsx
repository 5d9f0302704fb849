// Loading states, progress and every notice, in the page (screen readers hear them too).
import { useLab } from '../store/lab-context';

export function StatusLine() {
  const status = useLab((s) => s.catalogStatus);
  const message = useLab((s) => s.catalogMessage);
  const notices = useLab((s) => s.notices);
  const dismiss = useLab((s) => s.dismiss);
  const traceStatus = useLab((s) => s.traceStatus);
  const evalStatus = useLab((s) => s.evalStatus);
  const busy =
    status === 'loading'
      ? message
      : traceStatus === 'loading'
        ? 'Running the sequence…'
        : evalStatus === 'loading'
          ? 'Evaluating the test set…'
          : '';
  return (
    <div className="status-line" aria-live="polite" data-testid="status">
      {busy && <span className="busy">{busy}</span>}
      <div className="notices">
        {notices.map((n) => (
          <span
            key={n.id}
            className={`notice ${n.kind}`}
            role={n.kind === 'error' ? 'alert' : undefined}
            data-testid={`notice-${n.kind}`}
          >
            {n.text}
            <button type="button" onClick={() => dismiss(n.id)} aria-label="Dismiss">
              ×
            </button>
          </span>
        ))}
      </div>
    </div>
  );
}

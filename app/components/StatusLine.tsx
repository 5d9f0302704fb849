// Loading states, progress and the newest notice, in the footer (screen readers hear them too).
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
  // Only the newest is shown; dismissing it shows the one before.
  const n = notices[notices.length - 1];
  return (
    <div className="status-line" aria-live="polite" data-testid="status">
      {busy && <span className="busy">{busy}</span>}
      {n && (
        <div className="notices">
          <span
            key={n.id}
            className={`notice ${n.kind}`}
            role={n.kind === 'error' ? 'alert' : undefined}
            data-testid={`notice-${n.kind}`}
            title={n.text}
          >
            <span className="notice-text">{n.text}</span>
            <button type="button" onClick={() => dismiss(n.id)} aria-label="Dismiss">
              ×
            </button>
          </span>
          {notices.length > 1 && (
            <span className="muted" data-testid="notice-more">
              +{notices.length - 1}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

// The tour's caption while it runs; a small note while a visitor explores. Nothing without kiosk=1.
import { useLab } from '../store/lab-context';
import './tour.css';

export function TourCaption() {
  const kiosk = useLab((s) => s.kiosk);
  const attract = useLab((s) => s.attract);
  const caption = useLab((s) => s.caption);
  const idle = useLab((s) => s.kioskIdleS);
  if (!kiosk) return null;
  return (
    <div className={`tour tour-${attract}`} data-testid="tour" data-attract={attract}>
      {attract === 'running' ? (
        <>
          <p className="tour-caption" role="status" aria-live="polite" data-testid="tour-caption">
            {caption}
          </p>
          <p className="tour-hint">Touch anything to explore the lab yourself.</p>
        </>
      ) : (
        <p className="tour-hint">The tour goes on after {idle} s without a touch.</p>
      )}
    </div>
  );
}

// The guided explanation: one idea per step, each with a live figure the engine computed for the
// current sample (the lab's own trace and evaluation, through the workers). Back/next, PageUp/PageDown
// (a presenter's clicker), and the step is in the link (explain=N).
import { useEffect } from 'react';
import './explain.css';
import { useLab, useLabStore } from '../store/lab-context';
import { EXPLAIN_STEPS } from './explain-slice';
import { STEPS } from './steps';

/** Keys typed into a text field stay there. */
const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && (t as HTMLInputElement).type === 'text'));

export function ExplainView() {
  const store = useLabStore();
  const step = useLab((s) => s.explainStep) ?? 1;
  const go = useLab((s) => s.setExplainStep);
  const current = STEPS[step - 1];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const at = store.getState().explainStep;
      if (at === null) return;
      if (e.key === 'PageDown' && at < EXPLAIN_STEPS) go(at + 1);
      else if (e.key === 'PageUp' && at > 1) go(at - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, go]);

  const Figure = current.Figure;
  return (
    <main className="explain" data-testid="explain" data-step={step} aria-labelledby="explain-title">
      <nav className="explain-nav" aria-label="Steps of the explanation">
        <ol>
          {STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                aria-current={i + 1 === step ? 'step' : undefined}
                onClick={() => go(i + 1)}
                data-testid={`explain-goto-${i + 1}`}
              >
                <span className="explain-num">{i + 1}</span> {s.short}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="explain-close" onClick={() => go(null)} data-testid="explain-close">
          Back to the lab
        </button>
      </nav>
      <article className="explain-step">
        <header className="explain-head">
          <p className="muted">
            Step {step} of {EXPLAIN_STEPS}
          </p>
          <h2 id="explain-title">{current.title}</h2>
        </header>
        <div className="explain-body">
          <div className="explain-text">{current.text}</div>
          <Figure />
        </div>
        <footer className="explain-foot">
          <button type="button" onClick={() => go(step - 1)} disabled={step === 1} data-testid="explain-back">
            ← Back
          </button>
          <span className="muted">PageUp / PageDown · the transport below steps the sample</span>
          <button
            type="button"
            onClick={() => go(step + 1)}
            disabled={step === EXPLAIN_STEPS}
            data-testid="explain-next"
          >
            Next →
          </button>
        </footer>
      </article>
    </main>
  );
}

// The `?` overlay: every keyboard shortcut.
import { useRef } from 'react';
import { useLab } from '../store/lab-context';
import { keyName, SHORTCUTS } from './shortcuts';
import { useFocusTrap } from './use-focus-trap';

export function HelpOverlay() {
  const open = useLab((s) => s.helpOpen);
  const setOpen = useLab((s) => s.setHelpOpen);
  const box = useRef<HTMLDivElement>(null);
  // The dialog takes focus when it opens (so Escape works from the first key press), keeps Tab
  // inside, and returns focus to where it was when it closes.
  useFocusTrap(box, open);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" ref={box}>
      <div className="overlay-card">
        <h2 id="help-title">What you see</h2>
        <p>
          A delta network sends a neuron's value on only when it has changed by more than a threshold Θ since
          the value it last sent (x̂). Each cell in the network view is a neuron: it lights when it sends, and
          stays dark when its change is inside ±Θ, so that column of the weight matrix is skipped. Raise Θ and
          fewer neurons send: the speedup grows, until accuracy starts to fall (the trade-off chart).
        </p>
        <h2>Keyboard shortcuts</h2>
        <ul className="shortcut-list">
          {SHORTCUTS.map((s) => (
            <li key={s.label}>
              <span className="keys">
                {s.keys.map((k) => (
                  <kbd key={k}>{keyName(k)}</kbd>
                ))}
              </span>
              {s.label}
            </li>
          ))}
        </ul>
        <p className="muted">
          Click a neuron cell to see it up close. Click a point of the trade-off chart to use its thresholds,
          or focus the chart and walk its points with the arrow keys (Enter uses one).{' '}
          <strong>Explain</strong> in the header opens a guided explanation in seven steps; PageUp / PageDown
          (a presenter's clicker) go through it. Open a .dlm or .onnx model, a .dlp sample pack or your own
          data (.npy, .npz, .csv), with <strong>Open file…</strong> or drop it on the page; an ONNX model's{' '}
          <strong>Activations</strong> format is calibrated on your data (auto) or chosen by hand.
        </p>
        <button type="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </div>
  );
}

// Step 7: into the full lab with a preset.
import { useLab } from '../store/lab-context';
import { selectModelInfo } from '../store/selectors';
import { PRESETS, presetThresholds } from '../store/threshold-limits';
import { ExplainFigure } from './Figure';

const WHAT: Record<string, string> = {
  dense: 'every change is sent: the reference cost',
  sweet: 'the model’s own threshold, chosen on validation data',
  aggressive: 'twice that: watch where accuracy starts to fall',
};

export function YourTurnFigure() {
  const info = useLab(selectModelInfo);
  const op = useLab((s) => (s.modelId ? s.operatingPoints[s.modelId] : undefined));
  const setThresholds = useLab((s) => s.setThresholds);
  const close = useLab((s) => s.setExplainStep);
  const setMode = useLab((s) => s.setMode);
  return (
    <ExplainFigure caption="Three ways into the lab, each with its thresholds; the explanation closes and the lab opens at that setting.">
      <ul className="your-turn">
        {PRESETS.map((p) => (
          <li key={p.name}>
            <button
              type="button"
              disabled={!info}
              data-testid={`explain-preset-${p.name}`}
              onClick={() => {
                if (!info) return;
                setMode('fixed');
                setThresholds(presetThresholds(p.name, info, op));
                close(null);
              }}
            >
              Open the lab: {p.label}
            </button>{' '}
            <span className="muted">{WHAT[p.name]}</span>
          </li>
        ))}
      </ul>
    </ExplainFigure>
  );
}

// One string frame by frame, or always-on listening.
import { useLab } from '../store/lab-context';
import { HEAR_MODES, type HearMode } from './connected-slice';

const LABELS: Record<HearMode, string> = { string: 'String', always: 'Always on' };

export function HearSwitch() {
  const hear = useLab((s) => s.hear);
  const setHear = useLab((s) => s.setHear);
  return (
    <fieldset className="bare-group hear-mode" aria-label="What the network hears">
      {HEAR_MODES.map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={hear === m}
          onClick={() => setHear(m)}
          data-testid={`hear-${m}`}
        >
          {LABELS[m]}
        </button>
      ))}
    </fieldset>
  );
}

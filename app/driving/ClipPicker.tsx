// Which simulated test clip plays: the pack's items, named by their road seed and length.
import { useLab } from '../store/lab-context';
import { selectPack } from '../store/selectors';

export function ClipPicker() {
  const pack = useLab(selectPack);
  const itemIndex = useLab((s) => s.itemIndex);
  const setItem = useLab((s) => s.setItem);
  const clipStatus = useLab((s) => s.clipStatus);
  if (!pack) return null;
  return (
    <div className="picker">
      <label>
        Clip
        <select
          value={itemIndex}
          onChange={(e) => setItem(Number(e.target.value))}
          data-testid="clip-select"
          title="simulated test drives, re-rendered in your browser from their seeds"
        >
          {pack.items.map((it, i) => (
            <option key={it.id} value={i}>
              {`${i + 1}: ${it.id} (${it.length} frames, simulated)`}
            </option>
          ))}
        </select>
      </label>
      {clipStatus === 'loading' && <span className="muted">rendering…</span>}
    </div>
  );
}

// Choose the connected-digit string (the pack's items, by their reference digits and speaker).
import { useLab } from '../store/lab-context';
import { selectModelInfo, selectPack } from '../store/selectors';
import { digitsText } from './digits';

export function StringPicker() {
  const pack = useLab(selectPack);
  const info = useLab(selectModelInfo);
  const itemIndex = useLab((s) => s.itemIndex);
  const setItem = useLab((s) => s.setItem);
  const hear = useLab((s) => s.hear);
  if (!pack || hear !== 'string') return null;
  const classes = info?.task.kind === 'classification' ? info.task.classNames : [];
  return (
    <div className="picker">
      <label>
        String
        <select
          value={itemIndex}
          onChange={(e) => setItem(Number(e.target.value))}
          data-testid="string-select"
        >
          {pack.items.map((it, i) => (
            <option key={it.id} value={i}>
              {digitsText(it.labels ?? [], classes)}
              {it.speaker ? ` · ${it.speaker}` : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

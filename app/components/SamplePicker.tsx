// Choose the utterance by digit, speaker and take; jump to the next one the model gets wrong.
import { classWord } from '../format/task-labels';
import { useLab } from '../store/lab-context';
import { findItem, nextWrong, unique } from '../store/sample-find';
import { selectItem, selectModelInfo, selectPack } from '../store/selectors';

export function SamplePicker() {
  const pack = useLab(selectPack);
  const item = useLab(selectItem);
  const info = useLab(selectModelInfo);
  const itemIndex = useLab((s) => s.itemIndex);
  const evaluation = useLab((s) => s.evaluation);
  const setItem = useLab((s) => s.setItem);
  const notify = useLab((s) => s.notify);
  if (!pack || !item) return null;
  const classes = info?.task.kind === 'classification' ? info.task.classNames : [];
  const labels = unique(pack.items.map((it) => it.label)).sort((a, b) => a - b);
  const speakers = unique(pack.items.map((it) => it.speaker)).sort();
  const takes = unique(
    pack.items.filter((it) => it.label === item.label && it.speaker === item.speaker).map((it) => it.take),
  ).sort((a, b) => a - b);
  const go = (q: { label: number; speaker?: string; take?: number }) => {
    const i = findItem(pack.items, q);
    if (i >= 0) setItem(i);
  };
  const wrong = () => {
    if (!evaluation) return;
    const i = nextWrong(pack.items, evaluation.predictions, itemIndex);
    if (i < 0) notify('info', 'The model gets every sample right at this setting.');
    else setItem(i);
  };
  return (
    <div className="picker">
      <label>
        {classWord(info?.task, info?.featureKind)}
        <select
          value={item.label}
          onChange={(e) => go({ label: Number(e.target.value), speaker: item.speaker, take: item.take })}
          data-testid="digit-select"
        >
          {labels.map((l) => (
            <option key={l} value={l}>
              {classes[l] ?? l}
            </option>
          ))}
        </select>
      </label>
      {speakers.length > 0 && (
        <label>
          Speaker
          <select
            value={item.speaker ?? ''}
            onChange={(e) => go({ label: item.label, speaker: e.target.value, take: item.take })}
          >
            {speakers.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      {takes.length > 0 && (
        <label>
          Take
          <select
            value={item.take ?? ''}
            onChange={(e) => go({ label: item.label, speaker: item.speaker, take: Number(e.target.value) })}
          >
            {takes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className="item-id hide-in-presentation" title="sample id">
        {item.id}
      </span>
      <button type="button" onClick={wrong} disabled={!evaluation} data-testid="next-wrong">
        Next wrong
      </button>
    </div>
  );
}

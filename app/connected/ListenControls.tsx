// Always-on listening: a long recording of the pack (strings with silence between) played in real
// time, or the microphone, continuously through both networks.
import { useLab } from '../store/lab-context';
import type { LabState } from '../store/types';
import { digitsText } from './digits';

const longPack = (s: LabState) => (s.longPackId ? s.packs[s.longPackId] : undefined);

export function ListenControls() {
  const pack = useLab(longPack);
  const info = useLab((s) => (s.modelId ? s.models[s.modelId] : undefined));
  const item = useLab((s) => s.listenItem);
  const running = useLab((s) => s.listenRunning);
  const source = useLab((s) => s.listenSource);
  const status = useLab((s) => s.listenStatus);
  const sent = useLab((s) => s.listenSent);
  const length = useLab((s) => s.listenLength);
  const fps = useLab((s) => s.listenLog.framesPerSecond);
  const setItem = useLab((s) => s.setListenItem);
  const start = useLab((s) => s.startAlwaysOn);
  const stop = useLab((s) => s.stopAlwaysOn);
  const classes = info?.task.kind === 'classification' ? info.task.classNames : [];
  const where =
    source === 'recording' && length > 0
      ? `${(sent / fps).toFixed(1)} of ${(length / fps).toFixed(1)} s`
      : source === 'microphone' && running
        ? `${(sent / fps).toFixed(1)} s from the microphone`
        : '';
  return (
    <div
      className="listen-controls"
      data-testid="listen-controls"
      data-running={running}
      data-status={status}
    >
      <label>
        Recording
        <select
          value={item}
          onChange={(e) => setItem(Number(e.target.value))}
          disabled={!pack}
          data-testid="recording-select"
        >
          {(pack?.items ?? []).map((it, i) => (
            <option key={it.id} value={i} title={digitsText(it.labels ?? [], classes)}>
              {it.id} ({it.labels?.length ?? 0} digits)
            </option>
          ))}
        </select>
      </label>
      <div className="listen-buttons">
        {running ? (
          <button type="button" onClick={stop} data-testid="listen-stop">
            Stop
          </button>
        ) : (
          <>
            <button
              type="button"
              onClick={() => start('recording')}
              disabled={!pack}
              data-testid="listen-play"
            >
              Play recording
            </button>
            <button type="button" onClick={() => start('microphone')} data-testid="listen-mic">
              Microphone
            </button>
          </>
        )}
        <span className="muted" data-testid="listen-where">
          {status === 'loading' ? 'starting…' : where}
        </span>
      </div>
      {source === 'recording' && pack && (
        <p className="muted listen-said">said: {digitsText(pack.items[item]?.labels ?? [], classes)}</p>
      )}
    </div>
  );
}

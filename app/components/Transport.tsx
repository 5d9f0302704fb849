// Play, pause, step, restart, speed and the scrubber.

import { SampleAudio } from '../audio/SampleAudio';
import { SPEEDS } from '../store/constants';
import { useLab } from '../store/lab-context';
import { selectStep, selectSteps } from '../store/selectors';
import { Icon } from './Icon';

export function Transport() {
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const step = useLab(selectStep);
  const steps = useLab(selectSteps);
  const motion = useLab((s) => s.motion);
  const togglePlay = useLab((s) => s.togglePlay);
  const stepBy = useLab((s) => s.step);
  const restart = useLab((s) => s.restart);
  const seek = useLab((s) => s.seek);
  const setSpeed = useLab((s) => s.setSpeed);
  const setMotion = useLab((s) => s.setMotion);
  const loop = useLab((s) => s.loop);
  const setLoop = useLab((s) => s.setLoop);
  return (
    <fieldset className="transport bare-group" aria-label="Playback">
      <button type="button" onClick={restart} aria-label="Restart" title="restart (Home)">
        <Icon name="restart" />
      </button>
      <button type="button" onClick={() => stepBy(-1)} aria-label="Step back" title="step back (←)">
        <Icon name="back" />
      </button>
      <button
        type="button"
        onClick={togglePlay}
        aria-label={playing ? 'Pause' : 'Play'}
        data-testid="play"
        className="play"
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" onClick={() => stepBy(1)} aria-label="Step forward" title="step forward (→)">
        <Icon name="forward" />
      </button>
      <input
        type="range"
        className="scrubber"
        min={0}
        max={Math.max(0, steps - 1)}
        step={1}
        value={step}
        onChange={(e) => seek(Number(e.target.value))}
        aria-label="Time step"
        aria-valuetext={`step ${step + 1} of ${steps}`}
        data-testid="scrubber"
      />
      <span className="step-count" aria-live="off">
        {steps ? `${step + 1} / ${steps}` : '–'}
      </span>
      <label>
        Speed
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <label className="check" title="start the sample over when it ends">
        <input
          type="checkbox"
          checked={loop}
          onChange={(e) => setLoop(e.target.checked)}
          data-testid="loop"
        />
        loop
      </label>
      <label className="check" title="pause every animation (m)">
        <input
          type="checkbox"
          checked={motion}
          onChange={(e) => setMotion(e.target.checked)}
          data-testid="motion"
        />
        animate
      </label>
      <SampleAudio />
    </fieldset>
  );
}

// Clip or live road, and the live road's controls: start, stop, reset, and how well the network
// keeps its lane (figures from the worker's totals).
import { downloadText } from '../export/download';
import { formatFactor } from '../format/numbers';
import { useLab, useLabStore } from '../store/lab-context';
import { roadToCsv } from './road-csv';

export function DriveModeSwitch() {
  const drive = useLab((s) => s.drive);
  const setDrive = useLab((s) => s.setDrive);
  return (
    <fieldset className="bare-group drive-mode" aria-label="What to drive">
      <button
        type="button"
        aria-pressed={drive === 'clip'}
        onClick={() => setDrive('clip')}
        data-testid="drive-clip"
      >
        Recorded clip
      </button>
      <button
        type="button"
        aria-pressed={drive === 'live'}
        onClick={() => setDrive('live')}
        data-testid="drive-live"
      >
        Live road
      </button>
    </fieldset>
  );
}

export function RoadControls() {
  const running = useLab((s) => s.roadRunning);
  const status = useLab((s) => s.roadStatus);
  const totals = useLab((s) => s.roadTotals);
  const start = useLab((s) => s.startRoad);
  const stop = useLab((s) => s.stopRoad);
  const reset = useLab((s) => s.resetRoad);
  const store = useLabStore();
  const offRoad = totals?.offRoad ?? false;
  const exportCsv = () =>
    downloadText(roadToCsv(store.getState().roadLog.frames), 'deltalab-drive-simulated.csv', 'text/csv');
  return (
    <div className="road-controls" data-testid="road-controls" data-running={running} data-off-road={offRoad}>
      <div className="toolbar">
        {running ? (
          <button type="button" onClick={stop} data-testid="road-stop">
            Stop
          </button>
        ) : (
          <button type="button" onClick={start} disabled={offRoad} data-testid="road-start">
            {totals && totals.frames > 0 ? 'Drive on' : 'Start driving'}
          </button>
        )}
        <button
          type="button"
          onClick={reset}
          data-testid="road-reset"
          title="back to the start of the same road"
        >
          Reset
        </button>
        <span className="muted">{status === 'loading' ? 'starting…' : 'closed loop'}</span>
        <span className="spacer" />
        <button
          type="button"
          className="hide-in-presentation"
          onClick={exportCsv}
          disabled={!totals || totals.frames === 0}
          data-testid="road-csv"
          title="the last 30 s of the drive, frame by frame"
        >
          CSV
        </button>
      </div>
      {offRoad && (
        <p className="off-road" role="alert" data-testid="off-road">
          Off the road: at these thresholds the network lost the lane. Lower Θ and press Reset.
        </p>
      )}
      <dl className="road-stats" data-testid="road-stats" data-frames={totals?.frames ?? 0}>
        <dt>frames driven</dt>
        <dd data-testid="road-frames">{totals?.frames ?? 0}</dd>
        <dt title="root mean square distance from the lane centre since the reset">lane offset (RMS)</dt>
        <dd data-testid="road-rms">{totals ? `${totals.rmsLateral.toFixed(2)} m` : '…'}</dd>
        <dt>largest offset</dt>
        <dd>{totals ? `${totals.maxLateral.toFixed(2)} m` : '…'}</dd>
        <dt title="the GRU's speedup over the drive so far">GRU speedup</dt>
        <dd data-testid="road-speedup">{totals ? formatFactor(totals.figures.speedup) : '…'}</dd>
        <dt title="CNN + GRU, per frame">whole net speedup</dt>
        <dd>{totals ? formatFactor(totals.whole.wholeSpeedup) : '…'}</dd>
      </dl>
    </div>
  );
}

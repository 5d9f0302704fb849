// The driving cost meter: the GRU's cost per frame dense against delta, the CNN's (dense on every
// frame, reported on its own), and the whole network's, so the GRU's speedup is not read as the car's.
import type { WholeNetworkCost } from '../../src/engine/vision/whole-cost';
import { formatCount, formatFactor, formatPercent } from '../format/numbers';
import { useLab } from '../store/lab-context';

interface Row {
  name: string;
  id: string;
  title: string;
  show(w: WholeNetworkCost): string;
  headline?: boolean;
}

const ROWS: Row[] = [
  {
    name: 'GRU dense / frame',
    id: 'gru-dense',
    title: '3H(I+H) per frame',
    show: (w) => formatCount(w.gruDenseCost),
  },
  {
    name: 'GRU delta / frame',
    id: 'gru-delta',
    title: '3H(n_x+n_h) + 2(I+H) per frame, averaged',
    show: (w) => formatCount(w.gruDeltaCost),
  },
  {
    name: 'GRU speedup',
    id: 'gru-speedup',
    title: 'the delta-GRU alone',
    show: (w) => formatFactor(w.gruSpeedup),
    headline: true,
  },
  {
    name: 'CNN / frame',
    id: 'cnn',
    title: 'the CNN runs densely on every frame, with or without deltas',
    show: (w) => formatCount(w.cnnMacs),
  },
  {
    name: 'Whole net dense',
    id: 'whole-dense',
    title: 'CNN MACs + dense GRU cost, per frame',
    show: (w) => formatCount(w.wholeDenseCost),
  },
  {
    name: 'Whole net delta',
    id: 'whole-delta',
    title: 'CNN MACs + delta-GRU cost, per frame',
    show: (w) => formatCount(w.wholeDeltaCost),
  },
  {
    name: 'Whole speedup',
    id: 'whole-speedup',
    title: 'the car’s: whole dense / whole delta per frame',
    show: (w) => formatFactor(w.wholeSpeedup),
    headline: true,
  },
  {
    name: 'CNN share',
    id: 'cnn-share',
    title: 'of the delta network’s work per frame',
    show: (w) => formatPercent(w.cnnShare, 1),
  },
];

export function DrivingCost() {
  const drive = useLab((s) => s.drive);
  const clipWhole = useLab((s) => s.trace?.whole);
  const setWhole = useLab((s) => s.evaluation?.whole);
  const rmse = useLab((s) => s.evaluation?.rmse);
  const evalStatus = useLab((s) => s.evalStatus);
  const traceStatus = useLab((s) => s.traceStatus);
  const liveWhole = useLab((s) => s.roadTotals?.whole);
  const first = drive === 'live' ? liveWhole : clipWhole;
  const clipDeltaCnn = useLab((s) => s.clip?.deltaCnnMacsPerFrame);
  const firstDeltaCnn = drive === 'live' ? liveWhole?.deltaCnn?.cnnMacs : clipDeltaCnn;
  const firstName = drive === 'live' ? 'live road' : 'this clip';
  const stale = (on: boolean) => (on ? 'stale' : undefined);
  const firstStale = stale(drive === 'clip' && traceStatus !== 'ready');
  const setStale = stale(evalStatus !== 'ready');
  const cell = (w: WholeNetworkCost | undefined, r: Row) => (w ? r.show(w) : '…');
  return (
    <table
      className="cost-meter driving-cost"
      data-testid="driving-cost"
      data-status={evalStatus}
      data-speedup={setWhole?.gruSpeedup}
      data-whole-speedup={setWhole?.wholeSpeedup}
      data-rmse={rmse}
      data-first-speedup={first?.gruSpeedup}
    >
      <thead>
        <tr>
          <th scope="col">MACs per frame</th>
          <th scope="col" className={firstStale}>
            {firstName}
          </th>
          <th scope="col" className={setStale}>
            test clips{setWhole ? ` (${setWhole.frames} frames)` : ''}
          </th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((r) => (
          <tr key={r.id} className={r.headline ? 'headline' : undefined}>
            <th scope="row" title={r.title}>
              {r.name}
            </th>
            <td className={firstStale} data-testid={`first-${r.id}`}>
              {cell(first, r)}
            </td>
            <td className={setStale} data-testid={`set-${r.id}`}>
              {cell(setWhole, r)}
            </td>
          </tr>
        ))}
        <tr className="beyond">
          <th
            scope="row"
            title="beyond the paper: a delta CNN recomputes only what changed between frames (the same features)"
          >
            CNN, delta / frame
          </th>
          <td data-testid="first-cnn-delta">{formatCount(firstDeltaCnn)}</td>
          <td title="not measured over the test clips">–</td>
        </tr>
        <tr className="beyond">
          <th scope="row" title="whole dense / (delta CNN + delta GRU), per frame, on the live road">
            Whole, delta CNN
          </th>
          <td data-testid="first-whole-delta-cnn">
            {formatFactor(drive === 'live' ? liveWhole?.deltaCnn?.wholeSpeedup : undefined)}
          </td>
          <td title="not measured over the test clips">–</td>
        </tr>
        <tr>
          <th
            scope="row"
            title="root mean square steering error over every frame of the simulated test clips"
          >
            RMSE
          </th>
          <td />
          <td className={setStale} data-testid="set-rmse">
            {rmse === undefined ? '…' : `${rmse.toFixed(2)}°`}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

// The live drive's recent frames as CSV: the worker's per-frame answers, written out as they came.
import type { RoadFrame } from '../../src/workers/api';

const COLUMNS = [
  't',
  'steering_deg',
  'lateral_error_m',
  'off_road',
  'fired_inputs',
  'fired_hidden',
  'cnn_macs_delta',
  'gru_dense_cost',
  'gru_delta_cost',
  'whole_dense_cost',
  'whole_delta_cost',
] as const;

export function roadToCsv(frames: RoadFrame[]): string {
  const lines = frames.map((f) =>
    [
      f.t,
      f.steering,
      f.lateralError,
      f.offRoad ? 1 : 0,
      f.nx,
      f.nh,
      f.cnnMacs,
      f.gruDenseCost,
      f.gruDeltaCost,
      f.wholeDenseCost,
      f.wholeDeltaCost,
    ].join(','),
  );
  return `# simulated drive (DeltaLab road simulator), last ${frames.length} frames at 20 fps\n${COLUMNS.join(',')}\n${lines.join('\n')}\n`;
}

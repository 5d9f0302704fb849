// Trains the connected-digit CTC models (dense, then fine-tuned as a delta network with L1; the same
// without a held-out speaker) and writes models, curves, reports, the test and long-recording packs.
// Usage: npm run train:connected -- --data <fsdd dir> [--quick] [--out dir] [--jobs n]
//        [--checkpoints dir [--resume]] [--held-out speaker|'']
import { parseArgs } from 'node:util';
import { epochBars, pct } from './lib/epoch-bars';
import { FULL, QUICK } from './train/ctc/hyper';
import type { CtcProgress } from './train/ctc/jobs-ctc';
import { trainConnected } from './train/ctc/pipeline-ctc';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/fsdd' },
    out: { type: 'string', default: 'public/models' },
    quick: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '2' },
    'held-out': { type: 'string' },
    checkpoints: { type: 'string' },
    resume: { type: 'boolean', default: false },
  },
});

const hyper = structuredClone(values.quick ? QUICK : FULL);
if (values['held-out'] !== undefined) hyper.heldOutSpeaker = values['held-out'];

const { progress, say, stop } = epochBars<Parameters<CtcProgress['onEpoch']>[1]>(18, [
  { key: 'loss', label: 'loss', of: (r) => r.trainLoss.toFixed(2) },
  { key: 'der', label: 'DER', of: (r) => pct(r.trainErrorRate) },
  { key: 'val', label: 'val DER', of: (r) => pct(r.valErrorRate) },
  { key: 'occ', label: 'occupancy', of: (r) => r.trainOccupancy.map(pct).join('/') },
]);

await trainConnected({
  data: values.data,
  out: values.out,
  hyper,
  parallel: Number(values.jobs),
  checkpoints: values.checkpoints,
  resume: values.resume,
  progress,
  log: say,
});
stop();

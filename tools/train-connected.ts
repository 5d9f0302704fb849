// Trains the connected-digit CTC models (dense, then fine-tuned as a delta network with L1; the same
// without a held-out speaker) and writes models, curves, reports, the test and long-recording packs.
// Usage: npm run train:connected -- --data <fsdd dir> [--quick] [--out dir] [--jobs n]
//        [--checkpoints dir [--resume]] [--held-out speaker|'']
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
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

const tty = process.stderr.isTTY;
const bars = new cliProgress.MultiBar(
  {
    format: '{job} |{bar}| epoch {epoch}/{epochs} loss {loss} DER {der} val DER {val} occupancy {occ}',
    hideCursor: true,
    clearOnComplete: false,
  },
  cliProgress.Presets.shades_classic,
);
const active = new Map<string, cliProgress.SingleBar>();
const epochsDone = new Map<string, number>();
const say = (line: string) => (tty ? bars.log(`${line}\n`) : console.log(line));
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

const progress: CtcProgress = {
  onStart(job, epochs) {
    if (tty)
      active.set(
        job.id,
        bars.create(epochs, 0, {
          job: job.id.padEnd(18),
          epoch: 0,
          epochs,
          loss: '-',
          der: '-',
          val: '-',
          occ: '-',
        }),
      );
    else say(`start ${job.id} (${epochs} epochs)`);
  },
  onBatch(job, done, total) {
    active.get(job.id)?.update((epochsDone.get(job.id) ?? 0) + done / total);
  },
  onEpoch(job, r) {
    const fields = {
      epoch: r.epoch,
      loss: r.trainLoss.toFixed(2),
      der: pct(r.trainErrorRate),
      val: pct(r.valErrorRate),
      occ: r.trainOccupancy.map(pct).join('/'),
    };
    epochsDone.set(job.id, r.epoch);
    const bar = active.get(job.id);
    if (bar) bar.update(r.epoch, fields);
    else
      say(
        `${job.id} epoch ${r.epoch}: loss ${fields.loss} DER ${fields.der} val DER ${fields.val} occupancy ${fields.occ} (${r.seconds.toFixed(1)} s)`,
      );
  },
  onDone(job, o) {
    active.get(job.id)?.stop();
    say(
      `${job.id}: best epoch ${o.result.bestEpoch}, ${o.seconds.toFixed(0)} s${o.resumed ? ' (from checkpoint)' : ''}`,
    );
  },
};

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
bars.stop();

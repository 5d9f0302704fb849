// Progress of training jobs for the train:* commands: one bar per job on a terminal (stderr), epoch by
// epoch with the job's own figures; plain lines when stderr is not a terminal (CI logs, pipes).
import cliProgress from 'cli-progress';

/** One figure of an epoch record, shown as `label value` on the bar and in the plain line. */
export interface EpochField<R> {
  key: string;
  label: string;
  of(rec: R): string;
}

interface Job {
  id: string;
}

interface Outcome {
  result: { bestEpoch: number };
  seconds: number;
  resumed?: boolean;
}

export const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function epochBars<R extends { epoch: number; seconds: number }>(
  idWidth: number,
  fields: EpochField<R>[],
) {
  const tty = process.stderr.isTTY;
  const figures = fields.map((f) => `${f.label} {${f.key}}`).join(' ');
  const bars = new cliProgress.MultiBar(
    { format: `{job} |{bar}| epoch {epoch}/{epochs} ${figures}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const active = new Map<string, cliProgress.SingleBar>();
  const epochsDone = new Map<string, number>();
  const say = (line: string) => (tty ? bars.log(`${line}\n`) : console.log(line));
  const progress = {
    onStart(job: Job, epochs: number) {
      if (!tty) return say(`start ${job.id} (${epochs} epochs)`);
      const blank = Object.fromEntries(fields.map((f) => [f.key, '-']));
      active.set(job.id, bars.create(epochs, 0, { job: job.id.padEnd(idWidth), epoch: 0, epochs, ...blank }));
    },
    onBatch(job: Job, done: number, total: number) {
      active.get(job.id)?.update((epochsDone.get(job.id) ?? 0) + done / total);
    },
    onEpoch(job: Job, rec: R) {
      epochsDone.set(job.id, rec.epoch);
      const values = Object.fromEntries(fields.map((f) => [f.key, f.of(rec)]));
      const bar = active.get(job.id);
      if (bar) bar.update(rec.epoch, { epoch: rec.epoch, ...values });
      else {
        const line = fields.map((f) => `${f.label} ${values[f.key]}`).join(' ');
        say(`${job.id} epoch ${rec.epoch}: ${line} (${rec.seconds.toFixed(1)} s)`);
      }
    },
    onDone(job: Job, o: Outcome) {
      active.get(job.id)?.stop();
      say(
        `${job.id}: best epoch ${o.result.bestEpoch}, ${o.seconds.toFixed(0)} s${o.resumed ? ' (from checkpoint)' : ''}`,
      );
    },
  };
  return { progress, say, stop: () => bars.stop() };
}

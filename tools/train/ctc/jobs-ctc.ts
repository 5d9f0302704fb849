// The connected-digits training jobs (dense, then delta-l1 from it; the same again without the
// held-out speaker), run on worker threads by jobs.ts's scheduler, one checkpoint file per job.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schedule, spawnTsWorker } from '../jobs';
import { type ConnectedHyper, type ConnectedMethod, connectedForward } from './hyper';
import type { CtcSequence } from './stack';
import { type StackParams, stackArrays, stackShape, zeroStack } from './stack';
import { type CtcEpochRecord, type CtcTrainResult, trainCtc } from './train-ctc';

export interface CtcJob {
  /** e.g. "dense" or "delta-l1@jackson". */
  id: string;
  method: ConnectedMethod;
  split: string;
  initFrom: string | null;
}

export interface CtcData {
  inputSize: number;
  train: CtcSequence[];
  val: CtcSequence[];
}

export interface CtcOutcome {
  id: string;
  result: CtcTrainResult;
  seconds: number;
  resumed?: boolean;
}

export interface CtcProgress {
  onStart(job: CtcJob, epochs: number): void;
  onEpoch(job: CtcJob, rec: CtcEpochRecord): void;
  onBatch(job: CtcJob, done: number, total: number): void;
  onDone(job: CtcJob, outcome: CtcOutcome): void;
}

export const BLANK = 10;

export const epochsOf = (m: ConnectedMethod, h: ConnectedHyper) =>
  m === 'dense' ? h.denseEpochs : h.tuneEpochs;

export function runCtcJob(
  job: CtcJob,
  h: ConnectedHyper,
  data: CtcData,
  init: StackParams | null,
  onEpoch: (r: CtcEpochRecord) => void,
  onBatch: (done: number, total: number) => void,
): CtcOutcome {
  const t0 = performance.now();
  const dense = job.method === 'dense';
  const result = trainCtc(
    {
      inputSize: data.inputSize,
      hidden: h.hidden,
      classes: 11,
      blank: BLANK,
      epochs: epochsOf(job.method, h),
      batch: h.batch,
      lr: dense ? h.denseLr : h.tuneLr,
      clip: h.clip,
      patience: h.patience,
      seed: h.seed,
      forward: connectedForward(job.method, h),
      sortFirstEpoch: true,
      warmEpochs: h.warmEpochs,
    },
    data.train,
    data.val,
    init,
    onEpoch,
    onBatch,
  );
  return { id: job.id, result, seconds: (performance.now() - t0) / 1000 };
}

const WORKER_URL = new URL('./worker-ctc.ts', import.meta.url).href;

export type CtcWorkerMessage =
  | { type: 'epoch'; rec: CtcEpochRecord }
  | { type: 'batch'; done: number; total: number }
  | { type: 'done'; outcome: CtcOutcome };

const file = (dir: string, id: string) => join(dir, `${id}.json`);

export function saveCtcOutcome(dir: string, o: CtcOutcome): void {
  mkdirSync(dir, { recursive: true });
  const p = o.result.params;
  const params = { shape: stackShape(p), arrays: stackArrays(p).map((a) => Array.from(a)) };
  writeFileSync(file(dir, o.id), JSON.stringify({ ...o, result: { ...o.result, params } }));
}

export function loadCtcOutcome(dir: string, id: string): CtcOutcome | null {
  if (!existsSync(file(dir, id))) return null;
  const o = JSON.parse(readFileSync(file(dir, id), 'utf8'));
  const { shape, arrays } = o.result.params as {
    shape: ReturnType<typeof stackShape>;
    arrays: number[][];
  };
  const p = zeroStack(shape.inputSize, shape.hidden, shape.classes);
  for (const [k, a] of stackArrays(p).entries()) a.set(arrays[k]);
  return { ...o, result: { ...o.result, params: p } };
}

/** Every job, `parallel` at a time on worker threads (0: in this thread). */
export async function runCtcJobs(
  jobs: CtcJob[],
  h: ConnectedHyper,
  splits: Record<string, CtcData>,
  parallel: number,
  progress: CtcProgress,
  checkpoints: string | undefined,
  resume: boolean,
): Promise<Map<string, CtcOutcome>> {
  const done = new Map<string, CtcOutcome>();
  const finish = (job: CtcJob, o: CtcOutcome) => {
    if (checkpoints && !o.resumed) saveCtcOutcome(checkpoints, o);
    done.set(job.id, o);
    progress.onDone(job, o);
  };
  const start = (job: CtcJob): Promise<void> => {
    const saved = checkpoints && resume ? loadCtcOutcome(checkpoints, job.id) : null;
    if (saved) {
      finish(job, { ...saved, resumed: true });
      return Promise.resolve();
    }
    const init = job.initFrom ? done.get(job.initFrom)!.result.params : null;
    const data = splits[job.split];
    progress.onStart(job, epochsOf(job.method, h));
    if (parallel === 0) {
      const o = runCtcJob(
        job,
        h,
        data,
        init,
        (r) => progress.onEpoch(job, r),
        (d, t) => progress.onBatch(job, d, t),
      );
      finish(job, o);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      spawnTsWorker<CtcWorkerMessage>(
        WORKER_URL,
        { job, h, data, init },
        (m, end) => {
          if (m.type === 'epoch') progress.onEpoch(job, m.rec);
          else if (m.type === 'batch') progress.onBatch(job, m.done, m.total);
          else {
            finish(job, m.outcome);
            end();
            resolve();
          }
        },
        reject,
      );
    });
  };
  await schedule(jobs, parallel, (id) => done.has(id), start);
  return done;
}

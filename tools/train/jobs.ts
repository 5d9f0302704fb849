// One training job (a method on one data split) and the schedule that runs them on worker threads,
// respecting "starts from the dense weights" dependencies.
import { Worker } from 'node:worker_threads';
import type { Example } from './dataset';
import type { GruParams } from './gru';
import { forwardFor, type Hyper, type Method } from './methods';
import { type EpochRecord, type TrainResult, train } from './trainer';

export interface JobSpec {
  /** e.g. "dense" or "dense@jackson" (trained without that speaker). */
  id: string;
  method: Method;
  /** Split name the data comes from: "official" or a held-out speaker. */
  split: string;
  /** Job whose final weights initialise this one. */
  initFrom: string | null;
}

export interface SplitData {
  train: Example[];
  val: Example[];
  /** Per band, the change of a normalised feature per unit of log-power gain (scale / std). */
  gainShift: number[];
  /** Per band, the normalised value of the log floor (silence). */
  gainFloor: number[];
}

export interface JobOutcome {
  id: string;
  result: TrainResult;
  seconds: number;
  /** Loaded from a checkpoint of an earlier run rather than trained by this one. */
  resumed?: boolean;
}

export interface JobProgress {
  onStart(job: JobSpec, epochs: number): void;
  onEpoch(job: JobSpec, rec: EpochRecord): void;
  onBatch(job: JobSpec, done: number, total: number): void;
  onDone(job: JobSpec, outcome: JobOutcome): void;
}

export function epochsFor(method: Method, h: Hyper): number {
  return method === 'dense' ? h.denseEpochs : h.tuneEpochs;
}

export function runJob(
  job: JobSpec,
  h: Hyper,
  data: SplitData,
  init: GruParams | null,
  onEpoch: (r: EpochRecord) => void,
  onBatch: (done: number, total: number) => void,
): JobOutcome {
  const t0 = performance.now();
  const dense = job.method === 'dense';
  const result = train(
    {
      hidden: h.hidden,
      classes: 10,
      epochs: epochsFor(job.method, h),
      batch: h.batch,
      lr: dense ? h.denseLr : h.tuneLr,
      clip: h.clip,
      patience: h.patience,
      seed: h.seed,
      forward: forwardFor(job.method, h),
      gain: h.gainAugment,
      gainShift: data.gainShift,
      gainFloor: data.gainFloor,
      specAugment: h.specAugment,
      inputDropout: h.inputDropout,
      tailLoss: h.tailLoss,
      weightDecay: h.weightDecay,
      thetaRamp: dense ? 0 : h.thetaRamp,
      distill: dense ? 0 : h.distill,
    },
    data.train,
    data.val,
    init,
    onEpoch,
    onBatch,
  );
  return { id: job.id, result, seconds: (performance.now() - t0) / 1000 };
}

const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER_URL = new URL('./worker.ts', import.meta.url).href;

type WorkerMessage =
  | { type: 'epoch'; rec: EpochRecord }
  | { type: 'batch'; done: number; total: number }
  | { type: 'done'; outcome: JobOutcome };

/**
 * Starts a worker thread on a TypeScript entry (`url`, a file URL) with `workerData`; messages go
 * to `onMessage` until it calls `finish`, which ends the worker.
 */
export function spawnTsWorker<M>(
  url: string,
  workerData: unknown,
  onMessage: (m: M, finish: () => void) => void,
  onError: (e: Error) => void,
): void {
  // The worker runs TypeScript: register tsx's loader in it before importing the entry.
  const boot = `import(${JSON.stringify(TSX_API)}).then((t) => { t.register(); return import(${JSON.stringify(url)}); });`;
  const w = new Worker(boot, { eval: true, workerData });
  w.on('message', (m: M) => onMessage(m, () => void w.terminate()));
  w.on('error', onError);
}

function runInWorker(
  job: JobSpec,
  h: Hyper,
  data: SplitData,
  init: GruParams | null,
  progress: JobProgress,
): Promise<JobOutcome> {
  return new Promise((resolve, reject) => {
    spawnTsWorker<WorkerMessage>(
      WORKER_URL,
      { job, h, data, init },
      (m, finish) => {
        if (m.type === 'epoch') progress.onEpoch(job, m.rec);
        else if (m.type === 'batch') progress.onBatch(job, m.done, m.total);
        else {
          resolve(m.outcome);
          finish();
        }
      },
      reject,
    );
  });
}

/**
 * Runs every job, at most `parallel` at a time (0: in this thread, one after the other), each as
 * soon as the job it starts from has finished. Results are identical either way: jobs are seeded.
 */
export async function runJobs(
  jobs: JobSpec[],
  h: Hyper,
  splits: Record<string, SplitData>,
  parallel: number,
  progress: JobProgress,
  resume: (job: JobSpec) => JobOutcome | null = () => null,
): Promise<Map<string, JobOutcome>> {
  const done = new Map<string, JobOutcome>();
  const start = (job: JobSpec): Promise<void> => {
    const saved = resume(job);
    if (saved) {
      done.set(job.id, { ...saved, resumed: true });
      progress.onDone(job, { ...saved, resumed: true });
      return Promise.resolve();
    }
    const init = job.initFrom ? done.get(job.initFrom)!.result.params : null;
    const data = splits[job.split];
    progress.onStart(job, epochsFor(job.method, h));
    const finish = (o: JobOutcome) => {
      done.set(job.id, o);
      progress.onDone(job, o);
    };
    if (parallel === 0) {
      finish(
        runJob(
          job,
          h,
          data,
          init,
          (r) => progress.onEpoch(job, r),
          (d, t) => progress.onBatch(job, d, t),
        ),
      );
      return Promise.resolve();
    }
    return runInWorker(job, h, data, init, progress).then(finish);
  };
  await schedule(jobs, parallel, (j) => done.has(j), start);
  return done;
}

/**
 * Runs `start` for every job, at most `parallel` at a time (at least one), each once the job named
 * by its initFrom is done (`isDone`). Shared by every trainer's job list.
 */
export async function schedule<J extends { id: string; initFrom: string | null }>(
  jobs: J[],
  parallel: number,
  isDone: (id: string) => boolean,
  start: (job: J) => Promise<void>,
): Promise<void> {
  const pending = [...jobs];
  const running = new Set<Promise<void>>();
  const ready = () => pending.findIndex((j) => !j.initFrom || isDone(j.initFrom));
  while (pending.length > 0 || running.size > 0) {
    let k = ready();
    while (k >= 0 && running.size < Math.max(parallel, 1)) {
      const job = pending.splice(k, 1)[0];
      const p: Promise<void> = start(job).then(() => {
        running.delete(p);
      });
      running.add(p);
      k = ready();
    }
    if (running.size === 0 && pending.length > 0)
      throw new Error(`jobs wait on missing inputs: ${pending.map((j) => j.id)}`);
    if (running.size > 0) await Promise.race(running);
  }
}

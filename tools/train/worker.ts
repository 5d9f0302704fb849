// Worker-thread entry: trains one job and streams its progress to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { GruParams } from './gru';
import { type JobSpec, runJob, type SplitData } from './jobs';
import type { Hyper } from './methods';

const { job, h, data, init } = workerData as {
  job: JobSpec;
  h: Hyper;
  data: SplitData;
  init: GruParams | null;
};
const port = parentPort!;
const outcome = runJob(
  job,
  h,
  data,
  init,
  (rec) => port.postMessage({ type: 'epoch', rec }),
  (done, total) => port.postMessage({ type: 'batch', done, total }),
);
port.postMessage({ type: 'done', outcome });

// Worker-thread entry: trains one connected-digits job and streams its progress to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { ConnectedHyper } from './hyper';
import { type CtcData, type CtcJob, runCtcJob } from './jobs-ctc';
import type { StackParams } from './stack';

const { job, h, data, init } = workerData as {
  job: CtcJob;
  h: ConnectedHyper;
  data: CtcData;
  init: StackParams | null;
};
const port = parentPort!;
const outcome = runCtcJob(
  job,
  h,
  data,
  init,
  (rec) => port.postMessage({ type: 'epoch', rec }),
  (done, total) => port.postMessage({ type: 'batch', done, total }),
);
port.postMessage({ type: 'done', outcome });

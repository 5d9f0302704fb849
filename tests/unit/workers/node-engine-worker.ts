// Node worker-thread entry for the unit tests: the same service and exposure as engine.worker.ts,
// on Comlink's Node adapter (node-workers.ts bundles it with esbuild before starting threads on it).
// Tests can also break the thread the ways a browser worker breaks (see FAULT in node-workers.ts).
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { EngineService } from '../../../src/workers/engine-service';
import { exposeEngine } from '../../../src/workers/expose';
import { exitMessage } from '../../../src/workers/lifecycle';

if (!parentPort) throw new Error('node-engine-worker must run in a worker thread');
const port = parentPort;
exposeEngine(new EngineService(), nodeEndpoint(port));

port.on('message', (data: { deltalabTestFault?: string }) => {
  switch (data?.deltalabTestFault) {
    case 'throw':
      // Uncaught: the thread exits with an error, as a DOM worker reports an 'error' event.
      setTimeout(() => {
        throw new Error('injected failure');
      });
      break;
    case 'hang':
      // At once, so a request posted right after the fault finds the thread already stuck.
      for (;;) {}
    case 'close':
      // What a DOM worker's announced close() looks like to the page: the exit message, then silence.
      setTimeout(() => {
        port.postMessage(exitMessage());
        port.removeAllListeners('message');
        setInterval(() => {}, 1000);
      });
      break;
  }
});

// Node worker-thread entry for the unit tests: the same service and exposure as engine.worker.ts,
// on Comlink's Node adapter (node-workers.ts bundles it with esbuild before starting threads on it).
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { EngineService } from '../../../src/workers/engine-service';
import { exposeEngine } from '../../../src/workers/expose';

if (!parentPort) throw new Error('node-engine-worker must run in a worker thread');
exposeEngine(new EngineService(), nodeEndpoint(parentPort));

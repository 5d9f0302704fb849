// The single-file build (dist-single/deltalab.html): nothing can be loaded next to a page opened from
// disk, so the engine worker starts from a blob: URL of its inlined code and the shipped models, packs
// and curves are answered from gzip data inlined in the page, at the URLs the ordinary build serves them.

import type { EngineClientOptions } from '../../src/workers/client';
import EngineWorker from '../../src/workers/engine.worker?worker&inline';
import { serveInlinedModels } from './inlined-models';

export function engineOptions(): EngineClientOptions {
  serveInlinedModels(new URL('./models/', window.location.href).href);
  return { createWorker: () => new EngineWorker({ name: 'deltalab-engine' }) };
}

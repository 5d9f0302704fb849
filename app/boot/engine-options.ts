// How the page's engine client finds its workers and files in the ordinary build: the defaults
// (module workers and the models folder next to the page). The single-file build swaps this module
// for engine-options.single.ts (tools/build/vite.single.config.ts).
import type { EngineClientOptions } from '../../src/workers/client';

export function engineOptions(): EngineClientOptions {
  return {};
}

// Real engine workers in Node threads, adapted to the WorkerLike shape the pool expects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { buildSync } from 'esbuild';
import type { WorkerLike } from '../../../src/workers/pool';

const ENTRY = fileURLToPath(new URL('./node-engine-worker.ts', import.meta.url));

let bundled: string | undefined;

/**
 * The worker entry and everything it imports as one ES module, built once per test process: a
 * thread then starts in a fraction of the time tsx needs to transform the engine file by file.
 */
function bundle(): string {
  if (bundled) return bundled;
  const dir = mkdtempSync(join(tmpdir(), 'deltalab-engine-worker-'));
  const outfile = join(dir, 'engine-worker.mjs');
  buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
  });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  bundled = outfile;
  return outfile;
}

type Listener = EventListenerOrEventListenerObject;

/** A spawned worker and the thread behind it (tests terminate threads to simulate a crash). */
export interface SpawnedWorker {
  like: WorkerLike;
  thread: Worker;
}

export function spawnNodeEngineWorker(): SpawnedWorker {
  const thread = new Worker(bundle());
  // The exit that follows an error is what the pool hears about; Node would rethrow an unheard 'error'.
  thread.on('error', () => {});
  const endpoint = nodeEndpoint(thread);
  const deathListeners = new Map<Listener, () => void>();
  let terminating = false;
  const like = {
    postMessage: (message: unknown, transfer?: Transferable[]) => endpoint.postMessage(message, transfer),
    addEventListener(type: string, listener: Listener) {
      if (type === 'message') return endpoint.addEventListener('message', listener);
      if (type !== 'error') return;
      // A thread that exits on its own (crash, terminate() from outside) is reported like a DOM
      // worker's 'error' event; the pool's own terminate() is not.
      const onExit = (code: number) => {
        if (terminating) return;
        const event = {
          type: 'error',
          message: `worker thread exited with code ${code}`,
        } as unknown as Event;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      thread.on('exit', onExit);
      deathListeners.set(listener, () => thread.off('exit', onExit));
    },
    removeEventListener(type: string, listener: Listener) {
      if (type === 'message') return endpoint.removeEventListener('message', listener);
      deathListeners.get(listener)?.();
    },
    terminate() {
      terminating = true;
      void thread.terminate();
    },
  };
  return { like: like as unknown as WorkerLike, thread };
}

/** Spawns through createEngineClient's createWorker hook and remembers every thread. */
export function nodeWorkerFactory(): { create: () => WorkerLike; threads: Worker[] } {
  const threads: Worker[] = [];
  return {
    threads,
    create: () => {
      const w = spawnNodeEngineWorker();
      threads.push(w.thread);
      return w.like;
    },
  };
}

/** Ways a worker breaks, as node-engine-worker.ts plays them. */
export type Fault = 'throw' | 'hang' | 'close';

/** Breaks a running engine thread: an uncaught error, an endless loop, or an announced close(). */
export function injectFault(thread: Worker, fault: Fault): void {
  thread.postMessage({ deltalabTestFault: fault });
}

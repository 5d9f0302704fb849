// Memory figures of a page and its workers over the Chrome DevTools Protocol, after forcing garbage
// collection everywhere, for soak tests: JS heap of the page and of each dedicated worker, DOM nodes,
// event listeners, canvases and workers.
import type { CDPSession, Page } from 'playwright-core';

export interface MemoryFigures {
  pageHeapMB: number;
  workerHeapMB: number[];
  domNodes: number;
  listeners: number;
  canvases: number;
  workers: number;
}

type Reply = { id: number; result?: Record<string, unknown>; error?: { message: string } };

/** Sends CDP commands to a worker through a page session (workers have no session of their own here). */
class WorkerChannel {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Reply) => void>();

  constructor(
    private readonly cdp: CDPSession,
    readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== this.sessionId) return;
      const reply = JSON.parse(e.message) as Reply;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  send(method: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (r) => (r.error ? reject(new Error(r.error.message)) : resolve(r.result ?? {})));
      void this.cdp.send('Target.sendMessageToTarget', {
        sessionId: this.sessionId,
        message: JSON.stringify({ id, method }),
      });
    });
  }
}

const MB = 1024 * 1024;

/**
 * `counterReads` > 1 reads the DOM counters that many times, `counterGapMs` apart (each after a page
 * GC), and keeps the least of each: a scene change or an engine call in flight lifts the listener
 * count for a moment (+45 to +100 seen on a 360-430 base, gone by the next read), a leak lifts every read.
 */
export async function memoryFigures(
  page: Page,
  cdp: CDPSession,
  { counterReads = 1, counterGapMs = 400 } = {},
): Promise<MemoryFigures> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const workers = targetInfos.filter((t) => t.type === 'worker');
  const workerHeapMB: number[] = [];
  for (const w of workers) {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: w.targetId, flatten: false });
    const channel = new WorkerChannel(cdp, sessionId);
    await channel.send('HeapProfiler.collectGarbage');
    const usage = await channel.send('Runtime.getHeapUsage');
    workerHeapMB.push(Number(usage.usedSize) / MB);
    await cdp.send('Target.detachFromTarget', { sessionId });
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  for (let i = 1; i < counterReads; i++) {
    await page.waitForTimeout(counterGapMs);
    await cdp.send('HeapProfiler.collectGarbage');
    const again = await cdp.send('Memory.getDOMCounters');
    counters.nodes = Math.min(counters.nodes, again.nodes);
    counters.jsEventListeners = Math.min(counters.jsEventListeners, again.jsEventListeners);
  }
  const canvases = await page.evaluate(() => document.querySelectorAll('canvas').length);
  return {
    pageHeapMB: heap.usedSize / MB,
    workerHeapMB,
    domNodes: counters.nodes,
    listeners: counters.jsEventListeners,
    canvases,
    workers: workers.length,
  };
}

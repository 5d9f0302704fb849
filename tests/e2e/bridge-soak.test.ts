// The worker bridge on the built lab page over a long, busy session: threshold moves by keyboard,
// playback and live sweeps without a single worker terminated or an error shown; then workers broken
// at random moments (an uncaught error, close(), an endless loop) and each one recovered within a
// second (noticed, replaced, and the replacement's first result served), with the page's figures
// afterwards equal to a fresh load of the same state.
// DELTALAB_SOAK_MS sets the length of the soak (default 60 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryDetail } from '../../src/workers/recovery';
import { DEMO_DIST } from './demo-dist';
import { consoleErrors, type Lab, type Page, startLab } from './harness';
import { labReady, setPlaying } from './lab-actions';

type PwWorker = Parameters<Parameters<Page['on']>[1]>[0] & { evaluate: Page['evaluate'] };

const SOAK_MS = Number(process.env.DELTALAB_SOAK_MS ?? 60_000);

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ outDir: DEMO_DIST });
});

afterAll(async () => {
  await lab?.close();
});

interface Tracked {
  live: PwWorker[];
  /** When each live worker started (performance.now() here). */
  born: Map<PwWorker, number>;
  created: number;
  closed: number;
}

/** Follows the page's dedicated workers (the engine pool) as Playwright sees them. */
function trackWorkers(page: Page): Tracked {
  const t: Tracked = {
    live: [],
    born: new Map(),
    created: 0,
    closed: 0,
  };
  page.on('worker', (w) => {
    const worker = w as unknown as PwWorker;
    t.created++;
    t.live.push(worker);
    t.born.set(worker, performance.now());
    w.on('close', () => {
      t.closed++;
      t.live = t.live.filter((x) => x !== worker);
    });
  });
  return t;
}

/** Mulberry32: the same "random" moments on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function figures(page: Page) {
  await page.waitForSelector('[data-testid="cost-meter"][data-status="ready"]', { timeout: 60_000 });
  return page.evaluate(() => {
    const meter = document.querySelector('[data-testid="cost-meter"]');
    const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
    return {
      speedup: meter?.getAttribute('data-speedup'),
      seqSpeedup: meter?.getAttribute('data-seq-speedup'),
      accuracy: text('set-accuracy'),
      header: text('set-header'),
    };
  });
}

interface Recovered extends RecoveryDetail {
  /** Epoch ms on the page's clock. */
  noticedEpoch: number;
  servedEpoch: number;
}

/** The pool's recoveries so far, from the User Timing measures it publishes (recovery.ts). */
const recoveriesOf = (page: Page): Promise<Recovered[]> =>
  page.evaluate(() =>
    performance.getEntriesByName('deltalab:worker-recovery').map((e) => {
      const detail = (e as PerformanceMeasure).detail as RecoveryDetail;
      return {
        ...detail,
        noticedEpoch: performance.timeOrigin + e.startTime,
        servedEpoch: performance.timeOrigin + e.startTime + e.duration,
      };
    }),
  );

const errorNotices = (page: Page) =>
  page.$$eval('[data-testid="notice-error"]', (all) => all.map((n) => n.textContent));

/** Moves Θx back and forth by keyboard, one step every `everyMs`, for `ms`; with sweeps and playback. */
async function busyUser(page: Page, ms: number, everyMs: number, random: () => number) {
  const end = performance.now() + ms;
  let direction = 1;
  let steps = 0;
  let lastSweep = performance.now();
  await page.focus('[data-testid="theta-x"]');
  while (performance.now() < end) {
    const value = Number(await page.inputValue('[data-testid="theta-x"]'));
    if (value >= 8) direction = -1;
    if (value <= 0) direction = 1;
    await page.keyboard.press(direction > 0 ? 'ArrowRight' : 'ArrowLeft');
    steps++;
    if (steps % 25 === 0) {
      await setPlaying(page, random() < 0.5);
      await page.focus('[data-testid="theta-x"]');
    }
    if (performance.now() - lastSweep > 10_000) {
      lastSweep = performance.now();
      await page.click('[data-testid="recompute"]');
      await page.focus('[data-testid="theta-x"]');
    }
    await sleep(everyMs);
  }
  await setPlaying(page, false);
  return steps;
}

describe('the worker bridge in the lab page', () => {
  it(
    `survives a ${Math.round(SOAK_MS / 1000)} s busy session with no worker terminated and no error shown`,
    async () => {
      const page = await lab.newPage();
      const workers = trackWorkers(page);
      await page.goto(lab.url);
      await labReady(page);
      const started = workers.created;
      expect(started).toBeGreaterThan(0);
      const steps = await busyUser(page, SOAK_MS, 120, rng(1));
      expect(steps).toBeGreaterThan(SOAK_MS / 1000);
      await figures(page);
      // Idle past every call timeout: a timer left over from a finished call would fire now.
      await sleep(2_000);
      expect(workers.closed).toBe(0);
      expect(workers.created).toBe(started);
      expect(await errorNotices(page)).toHaveLength(0);
      await page.close();
    },
    SOAK_MS + 120_000,
  );

  it('recovers from workers broken at random moments within a second, and the figures stay right', async () => {
    const page = await lab.newPage();
    const workers = trackWorkers(page);
    await page.goto(lab.url);
    await labReady(page);
    const started = workers.created;
    const random = rng(7);
    const faults = ['throw', 'close', 'hang'] as const;
    const kills: { fault: string; slot: number; noticedMs: number; servedMs: number }[] = [];
    for (let k = 0; k < 9; k++) {
      const fault = faults[k % 3];
      // Not a worker still loading what the page uses: that silence is allowed (liveness.ts), so a
      // hang then is noticed only after the load's time limit.
      const settledNow = () =>
        workers.live.filter((w) => performance.now() - (workers.born.get(w) ?? 0) > 2000);
      while (settledNow().length === 0) await sleep(100);
      const settled = settledNow();
      const victim = settled[Math.floor(random() * settled.length)];
      // Playwright reports a closed worker late; never pick the same one twice.
      workers.live = workers.live.filter((w) => w !== victim);
      // One fault at a time: the pool is whole again (the last death's replacement, a new spare,
      // holds every model) before the next. Two deaths closer together than that find no warm spare
      // for the second, which then recovers on a fresh worker (spawn and reload: about a second more).
      await page.waitForFunction(
        (k) => performance.getEntriesByName('deltalab:replacement-ready').length >= k,
        k,
        { timeout: 30_000 },
      );
      const before = (await recoveriesOf(page)).length;
      // The user goes on past the recovery, so the replacement has requests to answer.
      const busy = busyUser(page, 1200 + random() * 400, 60, random);
      await sleep(random() * 500);
      // In the worker itself, after evaluate returns (a closed or hung worker never answers it); the
      // clock starts on the worker's own clock just before the fault is in place.
      const faultEpoch = await victim.evaluate((kind: string) => {
        setTimeout(() => {
          if (kind === 'throw') throw new Error('injected failure');
          if (kind === 'close') self.close();
          for (;;) {}
        });
        return performance.timeOrigin + performance.now();
      }, fault);
      const deadline = performance.now() + 10_000;
      let got: Recovered[] = [];
      while (got.length <= before && performance.now() < deadline) {
        await sleep(25);
        got = await recoveriesOf(page);
      }
      expect(got.length, `kill ${k} (${fault}) was never recovered`).toBe(before + 1);
      const r = got[before];
      kills.push({
        fault,
        slot: r.slot,
        noticedMs: r.noticedEpoch - faultEpoch,
        servedMs: r.servedEpoch - faultEpoch,
      });
      await busy;
      // One fault at a time: the request that was running again on the replacement finishes first.
      await figures(page);
    }
    const after = await figures(page);
    expect(after.header).not.toContain('stale');
    expect(await errorNotices(page)).toHaveLength(0);
    // A fresh page with the same link computes the same figures from scratch.
    const fresh = await lab.newPage();
    await fresh.goto(page.url());
    await labReady(fresh);
    expect(await figures(fresh)).toEqual(after);
    console.info(
      `worker recoveries (fault: noticed / served ms after it): ${kills
        .map(
          (x) =>
            `${x.fault}${x.slot < 0 ? '(spare)' : ''}: ${x.noticedMs.toFixed(0)} / ${x.servedMs.toFixed(0)}`,
        )
        .join(', ')}`,
    );
    // From the fault to the first answer in the slot's place (a hedge on the spare, or the spare
    // that took over). A lost spare costs the page nothing: its successor starts at once and has
    // a fresh worker's start-up time (spawn, script, every model and pack) to be ready.
    for (const x of kills) expect(x.servedMs).toBeLessThan(x.slot < 0 ? 3000 : 1000);
    // No death but the nine kills (a healthy worker taken for hung would show here), and each death
    // started exactly one worker (a new spare, or a fresh worker for the slot).
    const all = (await recoveriesOf(page)).map((r) => `${r.slot}:${r.cause}`);
    console.info(`worker deaths (slot:cause, -1 the spare): ${all.join(' ')}`);
    expect(all).toHaveLength(9);
    expect(workers.created).toBe(started + 9);
    await fresh.close();
    await page.close();
  }, 240_000);

  it('refuses a dropped 300 MB file from its size, before reading a byte of it', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    const reads = await page.evaluate(async () => {
      // A zero-filled buffer: the OS does not commit its pages until they are read.
      const file = new File([new ArrayBuffer(300 * 2 ** 20)], 'huge-pack.dlp');
      // Count every way the page could read it.
      let reads = 0;
      for (const name of ['arrayBuffer', 'text', 'stream', 'bytes'] as const) {
        const original = (Blob.prototype as unknown as Record<string, () => unknown>)[name];
        if (!original) continue;
        (Blob.prototype as unknown as Record<string, () => unknown>)[name] = function (this: Blob) {
          reads++;
          return original.call(this);
        };
      }
      const data = new DataTransfer();
      data.items.add(file);
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
      await new Promise((r) => setTimeout(r, 500));
      return reads;
    });
    const notice = await page.waitForSelector('[data-testid="notice-error"]', { timeout: 5_000 });
    expect(await notice.textContent()).toContain('huge-pack.dlp: 300 MiB is over the 128 MiB limit');
    // Reading 300 MB first froze the main thread for 0.5-2.3 s and doubled the tab's memory.
    expect(reads).toBe(0);
    await page.close();
  });

  it('logged no console errors', () => {
    expect(consoleErrors(lab.messages)).toEqual([]);
  });
});

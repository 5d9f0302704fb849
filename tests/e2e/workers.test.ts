// The engine client in headless Chromium against the built site: module workers from the static
// build load the shipped example, evaluate, sweep and cancel, and the numbers equal the engine's in Node.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import { evaluatePack, sweepPack } from '../../src/engine/evaluate';
import { decodeModel, decodePack } from '../../src/engine/format';
import { consoleErrors, type Lab, openWorkersHarness, type Page, startLab } from './harness';

const th = { thetaX: [2], thetaH: [3] };
const grid = [0, 1, 2, 4, 8].map((t) => ({ thetaX: t, thetaH: t }));

/** What the page returns (typed arrays as number arrays), computed here by the engine itself. */
function inNode() {
  const read = (f: string) => readFileSync(new URL(`../../public/models/${f}`, import.meta.url));
  const cm = compileModel(decodeModel(read('example-tiny.dlm')), 'fixed');
  const pack = decodePack(read('example-pack.dlp'));
  const r = evaluatePack(cm, pack, th);
  return {
    evaluation: { ...r, predictions: Array.from(r.predictions) },
    curve: sweepPack(cm, pack, grid),
  };
}

let lab: Lab;
let page: Page;

beforeAll(async () => {
  lab = await startLab();
  page = await openWorkersHarness(lab);
});

afterAll(async () => {
  await lab?.close();
});

describe('engine workers in the browser', () => {
  it('loads, evaluates, sweeps and cancels through the real client', async () => {
    const got = await page.evaluate(
      async ({ th, grid }) => {
        const h = window.deltalabHarness;
        const client = h.createEngineClient({ workers: 2 });
        const manifest = await client.manifest();
        const entry = manifest.models.find((m) => m.id === 'example-tiny');
        const packEntry = manifest.packs.find((p) => p.id === entry?.pack);
        if (!entry || !packEntry) throw new Error('the example is not in the manifest');
        const info = await client.loadModel({ entry });
        await client.loadPack({ entry: packEntry });
        const base = { modelId: entry.id, packId: packEntry.id, mode: 'fixed' as const };
        const evaluation = await client.evaluate({ ...base, thresholds: th });
        let progressCalls = 0;
        const curve = await client.sweep({ ...base, grid }, () => progressCalls++);
        const longGrid = Array.from({ length: 300 }, (_, k) => ({ thetaX: k % 9, thetaH: k % 4 }));
        const started = performance.now();
        let cancelled: { kind?: string; ms?: number } = {};
        const long = client.sweep({ ...base, grid: longGrid }, () => client.cancelAll());
        try {
          await long;
        } catch (error) {
          cancelled = { kind: (error as { kind?: string }).kind, ms: performance.now() - started };
        }
        const again = await client.evaluate({ ...base, thresholds: th });
        let format = '';
        try {
          await client.loadModel({ id: 'bad', bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer });
        } catch (error) {
          format = (error as { kind?: string }).kind ?? 'no kind';
        }
        const trace = await client.trace({ ...base, itemIndex: 0, thresholds: th });
        client.dispose();
        return {
          workers: client.workerCount,
          layers: info.layers,
          evaluation: h.plain(evaluation),
          again: h.plain(again),
          curve,
          progressCalls,
          cancelled,
          format,
          traceSteps: trace.trace?.steps,
          traceIsFloat32: trace.trace?.layers[0].h instanceof Float32Array,
        };
      },
      { th, grid },
    );
    const expected = inNode();
    expect(got.workers).toBe(2);
    expect(got.layers).toEqual([{ inputSize: 40, hiddenSize: 64 }]);
    expect(got.evaluation).toEqual(expected.evaluation);
    expect(got.again).toEqual(expected.evaluation);
    expect(got.curve).toEqual(expected.curve);
    expect(got.progressCalls).toBeGreaterThan(0);
    expect(got.cancelled.kind).toBe('cancelled');
    expect(got.format).toBe('format');
    expect(got.traceSteps).toBeGreaterThan(0);
    expect(got.traceIsFloat32).toBe(true);
    expect(consoleErrors(lab.messages)).toEqual([]);
  });

  it('keeps working after three hangs in a row, each replaced on its own', async () => {
    // Each hang is played in the worker the harness page's client is using at that moment.
    const hangNewest = async () => {
      const all = page.workers();
      await all[all.length - 1].evaluate(() => {
        setTimeout(() => {
          for (;;) {}
        });
      });
    };
    await page.evaluate(async () => {
      const h = window.deltalabHarness;
      // No spare: the newest worker is the one in use, and every death starts a fresh one.
      const client = h.createEngineClient({ workers: 1, spare: false, timeouts: { callMs: 5000 } });
      (window as unknown as { strikes: unknown }).strikes = client;
      const manifest = await client.manifest();
      const entry = manifest.models.find((m) => m.id === 'example-tiny');
      const packEntry = manifest.packs.find((p) => p.id === entry?.pack);
      if (!entry || !packEntry) throw new Error('the example is not in the manifest');
      await client.loadModel({ entry });
      await client.loadPack({ entry: packEntry });
    });
    type Client = { stats(): { hangs: number; spawned: number } };
    for (let k = 1; k <= 3; k++) {
      await hangNewest();
      await page.waitForFunction(
        (n) => (window as unknown as { strikes: Client }).strikes.stats().hangs === n,
        k,
        { timeout: 10_000 },
      );
      // Give the replacement time to start (and, after the second death, to back off).
      await new Promise((r) => setTimeout(r, 1500));
    }
    const got = await page.evaluate(async (th) => {
      const client = (window as unknown as { strikes: import('../../src/workers/api').EngineClient }).strikes;
      const evaluation = await client.evaluate({
        modelId: 'example-tiny',
        packId: 'example-pack',
        thresholds: th,
        mode: 'fixed',
      });
      const result = { evaluation: window.deltalabHarness.plain(evaluation), stats: client.stats() };
      client.dispose();
      return result;
    }, th);
    expect(got.stats).toMatchObject({ hangs: 3, spawned: 4, errors: 0 });
    expect(got.evaluation).toEqual(inNode().evaluation);
    expect(consoleErrors(lab.messages)).toEqual([]);
  });
});

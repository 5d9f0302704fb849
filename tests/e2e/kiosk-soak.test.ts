// The booth tour left running, accelerated (4x playback: a scene every second or two instead of every
// few seconds): the page's and every worker's JS heap stay flat after garbage collection, and DOM
// nodes, event listeners, canvases and workers do not grow. Figures go to
// tests/e2e/artifacts/kiosk-soak.json. DELTALAB_KIOSK_SOAK_MS sets the length (default 90 s).
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIST } from './demo-dist';
import { consoleErrors, type Lab, startLab } from './harness';
import { type MemoryFigures, memoryFigures } from './heap';
import { labReady } from './lab-actions';

const SOAK_MS = Number(process.env.DELTALAB_KIOSK_SOAK_MS ?? 90_000);
const SAMPLES = 5;
/** Allowed growth over the soak, beyond noise: heaps that leak a trace per scene grow far past this. */
const HEAP_SLACK_MB = 1.5;
const NODE_SLACK = 0.1;

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ outDir: DEMO_DIST });
});

afterAll(async () => {
  await lab?.close();
});

describe('kiosk soak', () => {
  it(
    'runs scene after scene with flat memory and no growth in nodes, canvases or workers',
    async () => {
      const page = await lab.newPage({ width: 1280, height: 720 });
      const cdp = await lab.context.newCDPSession(page);
      await page.goto(`${lab.url}#kiosk=1&speed=4`);
      await labReady(page);
      await page.waitForSelector('[data-testid="tour-caption"]');
      // Scenes counted in the page: each new caption is a new scene.
      await page.evaluate(() => {
        const w = window as unknown as { scenes: number };
        w.scenes = 0;
        let last = '';
        setInterval(() => {
          const text = document.querySelector('[data-testid="tour-caption"]')?.textContent ?? '';
          if (text && text !== last) w.scenes++;
          last = text || last;
        }, 100);
      });
      // Warm-up: one round of presets, so every lazily built thing exists before the baseline.
      await page.waitForTimeout(Math.min(20_000, SOAK_MS / 4));
      const figures: (MemoryFigures & { atS: number; scenes: number; task: string })[] = [];
      const started = Date.now();
      const scenes = () => page.evaluate(() => (window as unknown as { scenes: number }).scenes);
      for (let i = 0; i <= SAMPLES; i++) {
        if (i > 0) await page.waitForTimeout(SOAK_MS / SAMPLES);
        figures.push({
          ...(await memoryFigures(page, cdp)),
          atS: Math.round((Date.now() - started) / 1000),
          scenes: await scenes(),
          task: await page.inputValue('[data-testid="task-select"]'),
        });
      }
      mkdirSync('tests/e2e/artifacts', { recursive: true });
      writeFileSync('tests/e2e/artifacts/kiosk-soak.json', `${JSON.stringify(figures, null, 2)}\n`);

      const [base, ...later] = figures;
      const last = figures[figures.length - 1];
      expect(last.scenes - base.scenes).toBeGreaterThanOrEqual(Math.floor(SOAK_MS / 4000));
      expect(await page.getAttribute('[data-testid="tour"]', 'data-attract')).toBe('running');
      // A leak rises steadily; a sample taken mid-render may catch a passing peak. So the typical
      // (median) later sample and the last one must both stay at the baseline.
      const median = (pick: (f: MemoryFigures) => number) => {
        const v = later.map(pick).sort((a, b) => a - b);
        return v[Math.floor(v.length / 2)];
      };
      const flat = (pick: (f: MemoryFigures) => number, limit: number) => {
        expect(median(pick)).toBeLessThan(limit);
        expect(pick(last)).toBeLessThan(limit);
      };
      flat((f) => f.pageHeapMB, base.pageHeapMB + HEAP_SLACK_MB);
      base.workerHeapMB.forEach((mb, w) => {
        flat((f) => f.workerHeapMB[w], mb + HEAP_SLACK_MB);
      });
      // Each task's view has its own number of nodes, listeners and canvases: a sample is held
      // against the first one taken in the same task, and the tour must have come back to one.
      const firstOf = new Map<string, (typeof figures)[number]>();
      let revisits = 0;
      for (const f of figures) {
        const first = firstOf.get(f.task);
        expect(f.workers).toBe(base.workers);
        if (!first) {
          firstOf.set(f.task, f);
          continue;
        }
        revisits++;
        expect(f.domNodes, f.task).toBeLessThan(first.domNodes * (1 + NODE_SLACK));
        expect(f.listeners, f.task).toBeLessThan(first.listeners * (1 + NODE_SLACK));
        expect(f.canvases, f.task).toBe(first.canvases);
      }
      expect(revisits).toBeGreaterThan(0);
      expect(consoleErrors(lab.messages)).toEqual([]);
      await page.close();
    },
    SOAK_MS + 120_000,
  );
});

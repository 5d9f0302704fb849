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
/** Often enough that most tour scenes are sampled again on the tour's next round. */
const SAMPLES = 24;
/** Allowed growth over the soak, beyond noise: heaps that leak a trace per scene grow far past this. */
const HEAP_SLACK_MB = 1.5;
const NODE_SLACK = 0.1;
/** How long a scene must have been showing before a sample of it (its panels mounted and drawn). */
const SETTLE_MS = 500;

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
      const figures: (MemoryFigures & { atS: number; scenes: number; task: string; scene: string })[] = [];
      const started = Date.now();
      const scenes = () => page.evaluate(() => (window as unknown as { scenes: number }).scenes);
      const where = async () => ({
        task: await page.inputValue('[data-testid="task-select"]'),
        // The caption names the sample first ("Sample 43 of 300: …. "), then the scene's setting.
        scene: ((await page.textContent('[data-testid="tour-caption"]')) ?? '')
          .split('. ')
          .slice(1)
          .join('. '),
      });
      // A sample belongs to one scene: taken once that scene has been showing for a moment (its panels
      // mounted), kept only if the scene is still the same after it, else taken again (six tries).
      const sample = async () => {
        for (let attempt = 0; ; attempt++) {
          const before = await where();
          await page.waitForTimeout(SETTLE_MS);
          const atStart = await where();
          const figure = await memoryFigures(page, cdp, { counterReads: 3 });
          const after = await where();
          const same = (a: typeof before, b: typeof before) => a.task === b.task && a.scene === b.scene;
          if ((same(before, atStart) && same(atStart, after)) || attempt === 5)
            return { ...figure, ...after };
        }
      };
      for (let i = 0; i <= SAMPLES; i++) {
        if (i > 0) await page.waitForTimeout(SOAK_MS / SAMPLES);
        const figure = await sample();
        figures.push({ ...figure, atS: Math.round((Date.now() - started) / 1000), scenes: await scenes() });
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
      // Each scene of the tour shows its own panels, so samples are compared within one task and
      // scene, later ones against the first. Listener counts also jump for a moment while engine
      // calls are in flight (+20% seen once in a sample, gone in the next; each sample keeps the least of
      // three reads, which such a moment rarely spans): as with the heaps, a leak raises every later
      // sample, so the smallest later one must stay at the first.
      const byScene = new Map<string, (typeof figures)[number][]>();
      for (const f of figures) {
        expect(f.workers).toBe(base.workers);
        const key = `${f.task}: ${f.scene}`;
        byScene.set(key, [...(byScene.get(key) ?? []), f]);
      }
      let revisits = 0;
      for (const [key, [first, ...again]] of byScene) {
        if (again.length === 0) continue;
        revisits += again.length;
        const least = (pick: (f: MemoryFigures) => number) => Math.min(...again.map(pick));
        expect(
          least((f) => f.domNodes),
          key,
        ).toBeLessThan(first.domNodes * (1 + NODE_SLACK));
        expect(
          least((f) => f.listeners),
          key,
        ).toBeLessThan(first.listeners * (1 + NODE_SLACK));
        for (const f of again) expect(f.canvases, key).toBe(first.canvases);
      }
      expect(revisits).toBeGreaterThan(0);
      expect(consoleErrors(lab.messages)).toEqual([]);
      await page.close();
    },
    SOAK_MS + 120_000,
  );
});

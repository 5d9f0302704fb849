// The booth tour (kiosk=1): it plays samples and threshold presets on its own with captions, stops at
// the first touch of a control, resumes after the idle time (idle=2 here instead of a minute); and the
// loop toggle of ordinary playback.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIST } from './demo-dist';
import { consoleErrors, type Lab, type Page, startLab } from './harness';
import { labReady, setPlaying, stepOf } from './lab-actions';

let lab: Lab;
const ARTIFACTS = 'tests/e2e/artifacts';

beforeAll(async () => {
  lab = await startLab({ outDir: DEMO_DIST });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await lab?.close();
});

const attract = (page: Page) => page.getAttribute('[data-testid="tour"]', 'data-attract');
const itemId = (page: Page) => page.textContent('.item-id');

describe('kiosk mode', () => {
  it('tours samples and thresholds with captions, stops at a touch and resumes when idle', async () => {
    const page = await lab.newPage({ width: 1280, height: 720 });
    await page.goto(`${lab.url}#kiosk=1&idle=2&speed=4`);
    await labReady(page);
    await page.waitForSelector('[data-testid="tour-caption"]');
    expect(await attract(page)).toBe('running');
    expect(await page.textContent('[data-testid="tour-caption"]')).toMatch(/^Sample \d+ of 300: “\w+”/);
    await page.screenshot({ path: `${ARTIFACTS}/kiosk-1280x720.png` });

    // On its own: the next sample, then the next threshold preset (dense after two samples).
    const first = await itemId(page);
    await page.waitForFunction((f) => document.querySelector('.item-id')?.textContent !== f, first, {
      timeout: 20_000,
    });
    await page.waitForSelector('button[aria-pressed="true"]:has-text("dense")', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="tour-caption"]')).toMatch(/Θ = 0/);

    // A touch of a control stops the tour at once and leaves the lab as it is.
    await page.click('button:has-text("aggressive")');
    expect(await attract(page)).toBe('paused');
    expect(await page.$('[data-testid="tour-caption"]')).toBeNull();
    const held = await itemId(page);
    await page.waitForTimeout(1500);
    expect(await itemId(page)).toBe(held);
    expect(await page.getAttribute('button:has-text("aggressive")', 'aria-pressed')).toBe('true');

    // Idle for the timeout: the tour takes over again with the next scene.
    await page.waitForSelector('[data-testid="tour"][data-attract="running"]', { timeout: 5_000 });
    await page.waitForSelector('[data-testid="tour-caption"]');
    expect(consoleErrors(lab.messages)).toEqual([]);
    await page.close();
  });

  it('is off without kiosk=1: no tour, no caption', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    expect(await page.$('[data-testid="tour"]')).toBeNull();
    await page.close();
  });

  it('loops ordinary playback when asked', async () => {
    const page = await lab.newPage();
    await page.goto(`${lab.url}#speed=4`);
    await labReady(page);
    await page.check('[data-testid="loop"]');
    await setPlaying(page, true);
    const steps = Number((await page.textContent('.step-count'))?.split('/')[1]);
    // Past the end and round again: playing still, and back near the start.
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('[data-testid="network-canvas"]')?.getAttribute('data-step')) >= n - 1,
      steps,
      { timeout: 20_000 },
    );
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="network-canvas"]')?.getAttribute('data-step')) < 5,
      null,
      { timeout: 20_000 },
    );
    expect(await page.getAttribute('[data-testid="play"]', 'aria-label')).toBe('Pause');
    expect(await stepOf(page)).toBeLessThan(steps - 1);
    expect(page.url()).toMatch(/loop=1/);
    await page.close();
  });
});

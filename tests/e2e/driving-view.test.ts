// The driving view as a user meets it: pick the driving task, watch a simulated clip with the
// network's steering against the driver's and its GRU firing, move Θ and see the speedup and RMSE
// change, then drive the live road and see the car go and the firing rise in a bend.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, type Lab, type Page, startLab } from './harness';
import { drivingReady, setPlaying } from './lab-actions';

let lab: Lab;
let page: Page;

const attr = (sel: string, name: string) => page.getAttribute(`[data-testid="${sel}"]`, name);
const num = async (sel: string, name: string) => Number(await attr(sel, name));

beforeAll(async () => {
  lab = await startLab();
  page = await lab.newPage({ width: 1280, height: 720 });
  await page.goto(lab.url);
  // The lab opens on digits; the task picker switches the same page to driving.
  await page.waitForSelector('[data-testid="task-select"]', { timeout: 60_000 });
  await page.selectOption('[data-testid="task-select"]', 'driving');
  await drivingReady(page);
});

afterAll(async () => {
  await lab?.close();
});

describe('driving view', () => {
  it('plays a simulated clip with steering and firing', async () => {
    expect(await page.textContent('main')).toContain('simulated');
    expect(await page.inputValue('[data-testid="clip-select"]')).toBe('0');
    await setPlaying(page, true);
    const f0 = await num('camera-canvas', 'data-frame');
    await page.waitForFunction(
      (f) =>
        Number(document.querySelector('[data-testid="camera-canvas"]')?.getAttribute('data-frame')) > f + 20,
      f0,
      { timeout: 10_000 },
    );
    await setPlaying(page, false);
    // Both wheels have an angle: the network's (from the worker's trace) and the simulator driver's.
    expect(Number.isFinite(Number(await attr('camera-canvas', 'data-steering')))).toBe(true);
    expect((await attr('camera-canvas', 'data-truth')) ?? '').not.toBe('');
    expect(await num('network-canvas', 'data-events')).toBeGreaterThan(0);
    // Beyond the paper: the clip's check ran a delta CNN, and its MACs per frame are shown.
    expect(await page.textContent('[data-testid="first-cnn-delta"]')).toMatch(/^\d[\d.]* k$/);
    expect(await attr('steering-canvas', 'data-step')).toBe(await attr('camera-canvas', 'data-frame'));
    const share = new URL(page.url()).hash;
    expect(share).toMatch(/task=driving/);
    expect(share).toMatch(/drive=clip/);
  });

  it('moving Θ changes the speedup and the RMSE on the test clips', async () => {
    const speedup0 = await num('driving-cost', 'data-speedup');
    const rmse0 = await num('driving-cost', 'data-rmse');
    await page.focus('[data-testid="theta-x"]');
    for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
    await page.focus('[data-testid="theta-h"]');
    for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (s) => {
        const el = document.querySelector('[data-testid="driving-cost"]');
        return el?.getAttribute('data-status') === 'ready' && Number(el.getAttribute('data-speedup')) !== s;
      },
      speedup0,
      { timeout: 60_000 },
    );
    expect(await num('driving-cost', 'data-speedup')).toBeGreaterThan(speedup0);
    expect(await num('driving-cost', 'data-rmse')).not.toBe(rmse0);
    // The car's speedup is reported beside the GRU's, and it is far smaller (the CNN runs on every frame).
    expect(await num('driving-cost', 'data-whole-speedup')).toBeLessThan(
      await num('driving-cost', 'data-speedup'),
    );
    // Back to the validation-chosen operating point for the road.
    await page.click('button:has-text("operating point")');
  });

  it('drives the live road: the car moves and the firing rises in a bend', async () => {
    await page.click('[data-testid="drive-live"]');
    await page.click('[data-testid="road-start"]');
    const samples: { t: number; steering: number; fired: number }[] = [];
    const end = Date.now() + 15_000;
    while (Date.now() < end) {
      const s = await page.evaluate(() => {
        const cam = document.querySelector('[data-testid="camera-canvas"]');
        const raster = document.querySelector('[data-testid="live-raster"]');
        return {
          t: Number(cam?.getAttribute('data-frame')),
          steering: Number(cam?.getAttribute('data-steering')),
          fired: Number(raster?.getAttribute('data-fired-now')),
        };
      });
      if (s.t >= 0 && samples.at(-1)?.t !== s.t) samples.push(s);
      await page.waitForTimeout(40);
    }
    await page.click('[data-testid="road-stop"]');
    expect(await num('road-stats', 'data-frames')).toBeGreaterThan(100);
    expect(samples.length).toBeGreaterThan(60);
    // Bends are where the network steers hard; straights where it barely steers.
    const sorted = [...samples].sort((a, b) => Math.abs(a.steering) - Math.abs(b.steering));
    const q = Math.floor(sorted.length / 4);
    const mean = (xs: typeof samples) => xs.reduce((a, s) => a + s.fired, 0) / Math.max(1, xs.length);
    const straight = mean(sorted.slice(0, q));
    const bend = mean(sorted.slice(-q));
    expect(bend).toBeGreaterThan(straight);
    expect((await page.textContent('[data-testid="road-rms"]')) ?? '').toMatch(/m$/);
    expect(await page.textContent('[data-testid="first-whole-delta-cnn"]')).toMatch(/×$/);
    // The drive exports as CSV, one row per frame the worker answered.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="road-csv"]'),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[1]).toMatch(/^t,steering_deg,lateral_error_m,/);
    expect(csv.trim().split('\n').length).toBeGreaterThan(100);
    // Reset goes back to the start of the road.
    await page.click('[data-testid="road-reset"]');
    await page.waitForSelector('[data-testid="road-stats"][data-frames="0"]', { timeout: 10_000 });
    expect(new URL(page.url()).hash).toMatch(/drive=live/);
  });

  it('shows the car leaving the road at the highest thresholds, and Reset brings it back', async () => {
    await page.focus('[data-testid="theta-x"]');
    await page.keyboard.press('End');
    await page.focus('[data-testid="theta-h"]');
    await page.keyboard.press('End');
    await page.click('[data-testid="road-start"]');
    // Nothing fires once Θ is above every change: the wheel stays where it was and the car drifts off.
    await page.waitForSelector('[data-testid="off-road"]', { timeout: 60_000 });
    expect(await attr('road-controls', 'data-running')).toBe('false');
    expect(await page.isDisabled('[data-testid="road-start"]')).toBe(true);
    await page.click('[data-testid="road-reset"]');
    await page.waitForSelector('[data-testid="road-stats"][data-frames="0"]', { timeout: 10_000 });
    expect(await page.isVisible('[data-testid="off-road"]')).toBe(false);
  });

  it('logged no console errors', () => {
    expect(consoleErrors(lab.messages)).toEqual([]);
  });
});

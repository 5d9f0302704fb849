// The lab page in headless Chromium on the built site, driven as a user would: pick a sample, play,
// watch neurons fire, move a slider by keyboard, share a link, export the chart's data.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, type Lab, type Page, startLab } from './harness';
import { labReady, paintedStep, setPlaying, stepOf } from './lab-actions';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab?.close();
});

const ready = labReady;

const attr = async (page: Page, testId: string, name: string) =>
  page.getAttribute(`[data-testid="${testId}"]`, name);

/** Pixels of the canvas that differ from its background colour. */
function litPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="network-canvas"]')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) n++;
    return n;
  });
}

describe('the lab page', () => {
  let shared = '';
  let sharedState: { item: string; thetaX: string; thetaH: string; model: string } | null = null;

  it('plays a chosen sample, fires neurons, and updates costs as a slider moves', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await ready(page);

    // Pick a sample: another label from the digit picker.
    const before = await page.textContent('.item-id');
    const options = await page.$$eval('[data-testid="digit-select"] option', (o) =>
      o.map((x) => (x as HTMLOptionElement).value),
    );
    await page.selectOption('[data-testid="digit-select"]', options[options.length - 1]);
    await page.waitForFunction((b) => document.querySelector('.item-id')?.textContent !== b, before);
    await setPlaying(page, false);
    await page.click('[aria-label="Restart"]');
    await page.waitForSelector('[data-testid="network-canvas"][data-step="0"]');

    // Play: the step advances and firing events accumulate on a canvas that is not blank.
    const events0 = Number(await attr(page, 'network-canvas', 'data-events'));
    await setPlaying(page, true);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="network-canvas"]')?.getAttribute('data-step')) >= 8,
      null,
      { timeout: 20_000 },
    );
    const events1 = Number(await attr(page, 'network-canvas', 'data-events'));
    expect(events1).toBeGreaterThan(events0);
    expect(await litPixels(page)).toBeGreaterThan(1000);
    await setPlaying(page, false);

    // A slider moved by keyboard changes the cost meter and the live point on the trade-off chart.
    const speedup0 = await attr(page, 'cost-meter', 'data-speedup');
    const live0 = await attr(page, 'live-point', 'data-speedup');
    const theta0 = Number(await page.inputValue('[data-testid="theta-x"]'));
    await page.focus('[data-testid="theta-x"]');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="cost-meter"]')?.getAttribute('data-speedup') !== s,
      speedup0,
      { timeout: 30_000 },
    );
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="live-point"]')?.getAttribute('data-speedup') !== s,
      live0,
      { timeout: 30_000 },
    );
    expect(await attr(page, 'theta-x', 'aria-valuetext')).toMatch(new RegExp(`^${theta0 + 3} LSB = \\d`));

    // Share: the copied link reopens the same state.
    await page.click('[data-testid="copy-link"]');
    shared = (await page.inputValue('[data-testid="link-field"]')) ?? '';
    sharedState = {
      item: (await page.textContent('.item-id')) ?? '',
      thetaX: (await attr(page, 'theta-x', 'aria-valuetext')) ?? '',
      thetaH: (await attr(page, 'theta-h', 'aria-valuetext')) ?? '',
      model: await page.inputValue('[data-testid="model-select"]'),
    };
    expect(shared).toContain('#');
    await page.close();
  });

  it('reopens a shared link in the same state', async () => {
    expect(sharedState).not.toBeNull();
    const page = await lab.newPage();
    await page.goto(shared);
    await ready(page);
    expect(await page.textContent('.item-id')).toBe(sharedState!.item);
    expect(await attr(page, 'theta-x', 'aria-valuetext')).toBe(sharedState!.thetaX);
    expect(await attr(page, 'theta-h', 'aria-valuetext')).toBe(sharedState!.thetaH);
    expect(await page.inputValue('[data-testid="model-select"]')).toBe(sharedState!.model);
    expect(await page.$('[data-testid="notice-warning"]')).toBeNull();
    await page.close();
  });

  it('falls back to defaults with a notice for a hostile link', async () => {
    const page = await lab.newPage();
    await page.goto(`${lab.url}#model=%3Cscript%3E&tx=-5&item=abc`);
    await ready(page);
    expect(await page.textContent('[data-testid="notice-warning"]')).toContain('ignored');
    await page.close();
  });

  it('recomputes the curve live and exports the chart data as CSV', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await ready(page);
    for (const [slider, lsb] of [
      ['theta-x', 3],
      ['theta-h', 5],
    ] as const) {
      await page.focus(`[data-testid="${slider}"]`);
      await page.keyboard.press('Home');
      for (let i = 0; i < lsb; i++) await page.keyboard.press('ArrowRight');
    }
    await page.waitForSelector('[data-testid="cost-meter"][data-status="ready"]', { timeout: 30_000 });
    // Recompute live: a sweep in the workers adds a dashed live curve to the chart and rows to the data.
    await page.click('[data-testid="recompute"]');
    await page.waitForSelector('.tradeoff .curve.live', { timeout: 60_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-csv"]'),
    ]);
    const path = await download.path();
    const lines = readFileSync(path!, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'model,label,source,thetaX,thetaH,accuracy,rmse,errorRate,speedup,macReduction,memReduction,occupancy',
    );
    const current = lines.find((l) => l.includes(',current,'));
    expect(current).toBeDefined();
    const cells = current!.split(',');
    expect(cells[3]).toBe('3');
    expect(cells[4]).toBe('5');
    expect(Number(cells[8])).toBe(Number(await attr(page, 'cost-meter', 'data-speedup')));
    const live = lines.filter((l) => l.split(',')[2] === 'live');
    expect(live.length).toBeGreaterThan(2);
    expect(live.every((l) => Number(l.split(',')[8]) > 0)).toBe(true);

    // Clicking a point of the curve jumps to its thresholds.
    const point = page.locator('.tradeoff .curve.live ~ .pt').nth(4);
    const label = (await point.getAttribute('data-point')) ?? '';
    const [, tx, th] = /Θx (\d+), Θh (\d+)/.exec(label) ?? [];
    await point.click();
    expect(await attr(page, 'theta-x', 'aria-valuetext')).toMatch(new RegExp(`^${tx} LSB`));
    expect(await attr(page, 'theta-h', 'aria-valuetext')).toMatch(new RegExp(`^${th} LSB`));
    await page.close();
  });

  it('does not move by itself when the user prefers reduced motion', async () => {
    const page = await lab.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(lab.url);
    await ready(page);
    await page.waitForTimeout(800);
    expect(await stepOf(page)).toBe(0);
    expect(await page.getAttribute('[data-testid="play"]', 'aria-label')).toBe('Play');
    expect(await page.isChecked('[data-testid="motion"]')).toBe(false);
    // Stepping by keyboard still works.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await paintedStep(page, 2)).toBe(2);
    await page.close();
  });

  it('keeps keyboard focus in the help dialog and gives it back on Escape', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await ready(page);
    await page.click('button[aria-label="Help"]');
    const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
    expect(await inDialog()).toBe(true);
    for (const key of ['Tab', 'Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await inDialog()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="dialog"]', { state: 'detached', timeout: 5_000 });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Help');
    await page.close();
  });

  it('logged no console errors', () => {
    expect(consoleErrors(lab.messages)).toEqual([]);
  });
});

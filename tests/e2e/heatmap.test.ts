// The lab's Θx × Θh heatmap in headless Chromium on the built site: the grid view computes all 441
// cells in the workers with progress, a click on a cell sets both thresholds (the sliders and the
// outline follow), the keyboard does the same from one Tab stop, axe-core finds nothing serious, and it
// works in presentation mode.
// The cost meter beside it shows the time per step the worker measured, labelled as measured.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, type Lab, startLab } from './harness';
import { labReady } from './lab-actions';

let lab: Lab;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab?.close();
});

describe('the threshold heatmap', () => {
  it('computes the 21 × 21 grid, and a click or Enter on a cell sets both thresholds', async () => {
    const page = await lab.newPage({ width: 1280, height: 720 });
    await page.goto(lab.url);
    await labReady(page);
    await page.click('[data-testid="view-grid"]');
    await page.waitForSelector('[data-testid="heatmap"]');
    // Progress shows while it computes (a loaded machine takes seconds).
    await page.waitForSelector('[data-testid="heatmap-progress"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="heatmap"][data-done="441"]', { timeout: 240_000 });
    expect(await page.locator('[data-testid="heatmap-cell"]').count()).toBe(441);
    expect(await page.locator('[data-testid="heatmap-cell"].empty').count()).toBe(0);
    // The text alternative: every cell's figures in a table.
    const cells = await page.$$eval('[data-testid="heatmap-table"] td', (tds) =>
      tds.map((t) => t.textContent),
    );
    expect(cells).toHaveLength(441);
    expect(cells.every((t) => /accuracy \d+\.\d%, speedup \d/.test(t ?? ''))).toBe(true);
    expect(await page.textContent('[data-testid="heatmap-legend"]')).toMatch(/%.*%.*current/);

    await page.click('[data-testid="heatmap-cell"][data-thx="10"][data-thh="3"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="theta-x"]')?.getAttribute('aria-valuetext')?.startsWith('10 LSB'),
    );
    expect(await page.getAttribute('[data-testid="theta-h"]', 'aria-valuetext')).toMatch(/^3 LSB/);
    const outline = await page.locator('[data-testid="heatmap-current"]').boundingBox();
    const cell = await page
      .locator('[data-testid="heatmap-cell"][data-thx="10"][data-thh="3"]')
      .boundingBox();
    expect(
      Math.abs((outline?.x ?? 0) + (outline?.width ?? 0) / 2 - ((cell?.x ?? 0) + (cell?.width ?? 0) / 2)),
    ).toBeLessThan(2);
    // The grid was kept: the new setting's evaluation did not start it over.
    expect(await page.getAttribute('[data-testid="heatmap"]', 'data-done')).toBe('441');

    // Keyboard: the first arrow lands on the current cell, then moves; Enter uses it. The pointer is
    // moved off the grid first, as a keyboard user's is: a cell under it would take the readout.
    await page.mouse.move(0, 0);
    await page.focus('[data-testid="heatmap"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    expect(await page.textContent('[data-testid="heatmap-readout"]')).toMatch(/^Θx 11 .*Θh 4 /);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="theta-x"]')?.getAttribute('aria-valuetext')?.startsWith('11 LSB'),
    );
    expect(await page.getAttribute('[data-testid="theta-h"]', 'aria-valuetext')).toMatch(/^4 LSB/);
    // With the grid focused, the pointer moves the same cell: Enter uses the one the readout shows,
    // and off the grid the readout goes back to the keyboard's cell.
    await page.keyboard.press('ArrowLeft');
    await page.hover('[data-testid="heatmap-cell"][data-thx="5"][data-thh="2"]');
    expect(await page.textContent('[data-testid="heatmap-readout"]')).toMatch(/^Θx 5 .*Θh 2 /);
    await page.mouse.move(0, 0);
    expect(await page.textContent('[data-testid="heatmap-readout"]')).toMatch(/^Θx 5 .*Θh 2 /);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="theta-x"]')?.getAttribute('aria-valuetext')?.startsWith('5 LSB'),
    );
    expect(await page.getAttribute('[data-testid="theta-h"]', 'aria-valuetext')).toMatch(/^2 LSB/);

    // No serious or critical axe-core violation with the grid on screen.
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
      const axe = (window as any).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v: { id: string; nodes: { target: string[] }[] }) =>
            `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
    });
    expect(violations).toEqual([]);

    // Presentation mode: the grid still fills its panel with every cell drawn.
    await page.click('text=Present');
    await page.waitForSelector('.lab.presentation');
    const box = await page.locator('[data-testid="heatmap"]').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.height ?? 0).toBeGreaterThan(60);
    expect(consoleErrors(lab.messages)).toEqual([]);
    await page.close();
  });

  it('the cost meter shows the dense and delta time per step measured in this browser', async () => {
    const page = await lab.newPage({ width: 1280, height: 720 });
    await page.goto(lab.url);
    await labReady(page);
    await page.waitForSelector('[data-testid="measured-step"][data-dense-us]:not(.stale)', {
      timeout: 60_000,
    });
    const dense = Number(await page.getAttribute('[data-testid="measured-step"]', 'data-dense-us'));
    const delta = Number(await page.getAttribute('[data-testid="measured-step"]', 'data-delta-us'));
    expect(dense).toBeGreaterThan(0);
    expect(delta).toBeGreaterThan(0);
    expect(await page.getAttribute('[data-testid="measured-row"]', 'data-kernel')).toBe('wasm');
    expect(await page.textContent('[data-testid="measured-row"]')).toMatch(/^Measured speedup\d+\.\d+×/);
    expect(await page.textContent('[data-testid="measured-step"]')).toMatch(/^\d+(\.\d+)? → \d+(\.\d+)?$/);
    // A new setting is measured again for that setting.
    await page.click('text=dense (Θ = 0)');
    await page.waitForFunction(
      (d) => {
        const el = document.querySelector('[data-testid="measured-step"]');
        return el && !el.classList.contains('stale') && Number(el.getAttribute('data-delta-us')) !== d;
      },
      delta,
      { timeout: 60_000 },
    );
    await page.close();
  });
});

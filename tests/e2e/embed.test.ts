// One view of the lab alone inside an <iframe> of another page, as a teacher would put it in slides:
// only that view's panel, the chosen controls hidden, live figures in it.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIST } from './demo-dist';
import { consoleErrors, type Lab, startLab } from './harness';

let lab: Lab;
const ARTIFACTS = 'tests/e2e/artifacts';

beforeAll(async () => {
  lab = await startLab({ outDir: DEMO_DIST });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await lab?.close();
});

function host(src: string): string {
  return `<!doctype html><html><body style="margin:0;background:#fff;font:16px sans-serif">
    <h1 style="margin:12px 24px">Lecture 7: delta networks</h1>
    <iframe src="${src}" width="800" height="450" title="DeltaLab" style="margin:0 24px;border:1px solid #ccc"></iframe>
  </body></html>`;
}

describe('embedded views', () => {
  it('shows the trade-off chart alone, tools hidden, with the live point', async () => {
    const page = await lab.newPage({ width: 1280, height: 720 });
    await page.setContent(host(`${lab.url}#view=tradeoff&hide=tools`));
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-embed="tradeoff"]').waitFor();
    await frame.locator('[data-testid="live-point"]').waitFor({ timeout: 60_000 });
    expect(await frame.locator('.panel').count()).toBe(1);
    expect(await frame.locator('.topbar').count()).toBe(0);
    expect(await frame.locator('[data-testid="network-canvas"]').count()).toBe(0);
    expect(await frame.locator('[data-testid="recompute"]').isVisible()).toBe(false);
    expect(await frame.locator('svg.tradeoff').isVisible()).toBe(true);
    const box = await frame.locator('svg.tradeoff').boundingBox();
    expect(box?.width).toBeGreaterThan(600);
    await page.screenshot({ path: `${ARTIFACTS}/embed-tradeoff-1280x720.png` });
    await page.close();
  });

  it('plays the network view alone, looping, without the transport when hidden', async () => {
    const page = await lab.newPage({ width: 1280, height: 720 });
    await page.setContent(host(`${lab.url}#view=network&loop=1&speed=4&hide=transport`));
    const frame = page.frameLocator('iframe');
    const canvas = frame.locator('[data-testid="network-canvas"]');
    await canvas.waitFor();
    expect(await frame.locator('.transport').isVisible()).toBe(false);
    // It plays on its own and comes round again (loop): the step rises, then falls back.
    let max = 0;
    let wrapped = false;
    for (let i = 0; i < 100 && !wrapped; i++) {
      const step = Number(await canvas.getAttribute('data-step'));
      if (step < max - 5) wrapped = true;
      max = Math.max(max, step);
      await page.waitForTimeout(100);
    }
    expect(max).toBeGreaterThan(10);
    expect(wrapped).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/embed-network-1280x720.png` });
    expect(consoleErrors(lab.messages)).toEqual([]);
    await page.close();
  });
});

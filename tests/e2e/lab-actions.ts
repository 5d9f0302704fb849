// What browser tests and the screenshot tool do to the lab page, the way a user would.
import type { Page } from './harness';

/** Waits until the first trace is drawn and the whole test set is evaluated. */
export async function labReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="network-canvas"][data-step]:not([data-step="-1"])', {
    timeout: 60_000,
  });
  await page.waitForSelector('[data-testid="cost-meter"][data-speedup]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="live-point"]', { timeout: 60_000 });
}

/** Presses play or pause so that playback ends up as asked. */
export async function setPlaying(page: Page, on: boolean): Promise<void> {
  const label = await page.getAttribute('[data-testid="play"]', 'aria-label');
  if ((label === 'Pause') !== on) await page.click('[data-testid="play"]');
}

export async function stepOf(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="network-canvas"]', 'data-step'));
}

/** Waits for the canvas to paint step t (it paints on the next animation frame, not at once). */
export async function paintedStep(page: Page, t: number): Promise<number> {
  await page.waitForSelector(`[data-testid="network-canvas"][data-step="${t}"]`, { timeout: 5_000 });
  return stepOf(page);
}

/** Waits until the driving view shows a verified clip frame, its trace and the test clips' costs. */
export async function drivingReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="driving-view"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="camera-canvas"][data-frame]:not([data-frame="-1"])', {
    timeout: 60_000,
  });
  await page.waitForSelector('[data-testid="network-canvas"][data-step]:not([data-step="-1"])', {
    timeout: 60_000,
  });
  await page.waitForSelector('[data-testid="driving-cost"][data-status="ready"][data-whole-speedup]', {
    timeout: 120_000,
  });
}

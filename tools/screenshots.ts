// Screenshots of the lab at 1280x720 and 1920x1080 into docs/screenshots/ (run `npx vite build` first).
// Usage: npx tsx tools/screenshots.ts [--connected]   (--connected: only the connected-digits views)
import { mkdirSync } from 'node:fs';
import { DEMO_DIST } from '../tests/e2e/demo-dist';
import { consoleErrors, type Page, startLab } from '../tests/e2e/harness';
import { drivingReady, labReady, setPlaying } from '../tests/e2e/lab-actions';

const OUT = 'docs/screenshots';
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

/** Frames the browser delivered in one second (a string: the page must not see the bundler's helpers). */
const FRAMES_IN_A_SECOND = `new Promise((done) => {
  let n = 0;
  const t0 = performance.now();
  const tick = () => (++n, performance.now() - t0 < 1000 ? requestAnimationFrame(tick) : done(n));
  requestAnimationFrame(tick);
})`;

/** Plays at 1x and reports the frame rate, the network cells' repaints and their paint time. */
async function measureFps(page: Page, width: number): Promise<void> {
  const draws = () => page.getAttribute('[data-testid="network-canvas"]', 'data-draws').then(Number);
  await page.click('[aria-label="Restart"]');
  await setPlaying(page, true);
  const d0 = await draws();
  const fps = await page.evaluate(FRAMES_IN_A_SECOND);
  const d1 = await draws();
  await setPlaying(page, false);
  const paint = await page.getAttribute('[data-testid="network-canvas"]', 'data-paint-ms');
  console.log(
    `width ${width}: ${fps} frames/s while playing, ${d1 - d0} cell repaints in that second, paint ${paint} ms`,
  );
}

/** The driving view: a simulated clip mid-way, then the live road after a few seconds of driving. */
async function drivingShots(page: Page, url: string, vp: { width: number; height: number }): Promise<void> {
  await page.goto(`${url}#task=driving&model=driving-delta-l1&pres=0`);
  await drivingReady(page);
  await setPlaying(page, false);
  const steps = Number(await page.getAttribute('[data-testid="scrubber"]', 'max'));
  await page.fill('[data-testid="scrubber"]', String(Math.floor(steps * 0.3)));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  const clip = `${OUT}/driving-${vp.width}x${vp.height}.png`;
  await page.screenshot({ path: clip });
  console.log(`wrote ${clip}`);
  await page.click('[data-testid="drive-live"]');
  await page.click('[data-testid="road-start"]');
  await page.waitForTimeout(12_000);
  await page.click('[data-testid="road-stop"]');
  await page.waitForTimeout(300);
  const live = `${OUT}/driving-live-${vp.width}x${vp.height}.png`;
  await page.screenshot({ path: live });
  console.log(`wrote ${live}`);
  if (vp.width === 1920) {
    await page.keyboard.press('P');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/driving-live-presentation-${vp.width}x${vp.height}.png` });
    console.log(`wrote ${OUT}/driving-live-presentation-${vp.width}x${vp.height}.png`);
    await page.keyboard.press('P');
  }
}

/** Connected digits: a string two thirds played, then always-on listening after a few seconds of a long recording. */
async function connectedShots(page: Page, url: string, vp: { width: number; height: number }): Promise<void> {
  await page.goto(`${url}#task=connected&model=connected-delta&pres=0&hear=string`);
  await page.waitForSelector('[data-testid="network-canvas"][data-step]:not([data-step="-1"])', {
    timeout: 60_000,
  });
  await page.waitForSelector('[data-testid="cost-meter"][data-speedup]', { timeout: 60_000 });
  await setPlaying(page, false);
  const steps = Number(await page.getAttribute('[data-testid="scrubber"]', 'max'));
  await page.fill('[data-testid="scrubber"]', String(Math.floor(steps * 0.66)));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(600);
  const one = `${OUT}/connected-${vp.width}x${vp.height}.png`;
  await page.screenshot({ path: one });
  console.log(`wrote ${one}`);
  await page.click('[data-testid="hear-always"]');
  await page.waitForSelector('[data-testid="listen-play"]:not([disabled])', { timeout: 30_000 });
  await page.click('[data-testid="listen-play"]');
  await page.waitForTimeout(8_000);
  const always = `${OUT}/connected-always-${vp.width}x${vp.height}.png`;
  await page.screenshot({ path: always });
  console.log(`wrote ${always}`);
  await page.click('[data-testid="listen-stop"]').catch(() => {});
}

const ONLY_CONNECTED = process.argv.includes('--connected');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const lab = await startLab({ outDir: DEMO_DIST });
  try {
    for (const vp of VIEWPORTS) {
      const page = await lab.newPage(vp);
      if (ONLY_CONNECTED) {
        await connectedShots(page, lab.url, vp);
        await page.close();
        continue;
      }
      await page.goto(lab.url);
      await labReady(page);
      await setPlaying(page, false);
      await measureFps(page, vp.width);
      // Mid-sequence, one neuron chosen: the picture a newcomer sees after a few seconds.
      const steps = Number(await page.getAttribute('[data-testid="scrubber"]', 'max'));
      await page.fill('[data-testid="scrubber"]', String(Math.floor(steps * 0.6)));
      const box = await page.locator('[data-testid="network-canvas"]').boundingBox();
      if (box) await page.mouse.click(box.x + box.width * 0.3, box.y + 40);
      await page.mouse.move(0, 0);
      await page.waitForTimeout(400);
      const name = `${OUT}/lab-${vp.width}x${vp.height}.png`;
      await page.screenshot({ path: name });
      console.log(`wrote ${name}`);
      if (vp.width === 1920) {
        await page.keyboard.press('P');
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${OUT}/lab-presentation-${vp.width}x${vp.height}.png` });
        console.log(`wrote ${OUT}/lab-presentation-${vp.width}x${vp.height}.png`);
      }
      const overflow = await page.evaluate(() => ({
        scrollW: document.documentElement.scrollWidth,
        scrollH: document.documentElement.scrollHeight,
      }));
      console.log(`page scroll size at ${vp.width}x${vp.height}: ${overflow.scrollW}x${overflow.scrollH}`);
      await drivingShots(page, lab.url, vp);
      await connectedShots(page, lab.url, vp);
      await page.close();
    }
  } finally {
    console.log('console messages:');
    for (const m of lab.messages) console.log(`  ${m}`);
    const errors = consoleErrors(lab.messages);
    await lab.close();
    if (errors.length > 0) {
      console.error(`${errors.length} console errors`);
      process.exitCode = 1;
    }
  }
}

await main();

// The guided explanation clicked through as a teacher would: open it, forward through every step with
// Next and PageDown, back, a deep link to a step, and into the lab with a preset. Each step's figure
// shows the engine's numbers for the current sample; a screenshot of each step at 1280×720.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, type Lab, type Page, startLab } from './harness';
import { labReady, setPlaying } from './lab-actions';

const ARTIFACTS = 'tests/e2e/artifacts';
const STEPS = 7;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Through the debugger protocol: the page's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: { id: string; nodes: { target: string[] }[] }) =>
          `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`,
      );
  });
}

let lab: Lab;

beforeAll(async () => {
  lab = await startLab(process.env.DELTALAB_DIST ? { outDir: process.env.DELTALAB_DIST } : {});
});

afterAll(async () => {
  await lab?.close();
});

const stepOf = async (page: Page) => Number(await page.getAttribute('[data-testid="explain"]', 'data-step'));
const hashStep = (page: Page) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('explain');

describe('the guided explanation', () => {
  it('goes forward and back through every step, each with a heading, a live figure, its caption and no serious axe-core violation', async () => {
    const page = await lab.newPage({ width: 1280, height: 720 });
    await page.goto(lab.url);
    await labReady(page);
    await setPlaying(page, false);
    await page.click('[data-testid="explain-open"]');
    await page.waitForSelector('[data-testid="explain"][data-step="1"]');
    const titles: string[] = [];
    for (let step = 1; step <= STEPS; step++) {
      expect(await stepOf(page)).toBe(step);
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="explain-caption"]')?.textContent?.startsWith('Waiting'),
      );
      titles.push((await page.textContent('#explain-title')) ?? '');
      expect(await page.isVisible('[data-testid="explain-figure"]')).toBe(true);
      expect(((await page.textContent('[data-testid="explain-caption"]')) ?? '').length).toBeGreaterThan(40);
      expect(hashStep(page)).toBe(String(step));
      expect(await seriousViolations(page), `step ${step}`).toEqual([]);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${ARTIFACTS}/explain-step-${step}-1280x720.png` });
      if (step < STEPS) {
        // Alternate the button and a presenter's clicker.
        if (step % 2) await page.click('[data-testid="explain-next"]');
        else await page.keyboard.press('PageDown');
      }
    }
    expect(new Set(titles).size).toBe(STEPS);
    expect(await page.isDisabled('[data-testid="explain-next"]')).toBe(true);
    await page.keyboard.press('PageUp');
    expect(await stepOf(page)).toBe(STEPS - 1);
    await page.click('[data-testid="explain-back"]');
    expect(await stepOf(page)).toBe(STEPS - 2);
    expect(consoleErrors(lab.messages)).toEqual([]);
    await page.close();
  });

  it('shows the engine’s numbers: MAC counters follow the playhead, formulas match the cost meter, Θ = 0 in fixed point saves work', async () => {
    const page = await lab.newPage({ width: 1280, height: 720 });
    await page.goto(`${lab.url}#explain=2`);
    await page.waitForSelector('[data-testid="mac-counters"]', { timeout: 60_000 });
    await setPlaying(page, false);
    const delta = () => page.getAttribute('[data-testid="mac-counters"]', 'data-delta').then(Number);
    const dense = () => page.getAttribute('[data-testid="mac-counters"]', 'data-dense').then(Number);
    const d0 = await dense();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (v) => Number(document.querySelector('[data-testid="mac-counters"]')?.getAttribute('data-dense')) > v,
      d0,
    );
    expect(await delta()).toBeLessThan(await dense());

    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.waitForSelector('[data-testid="formulas"]');
    const formula = (await page.textContent('[data-testid="delta-macs-0"]')) ?? '';
    const caption = (await page.textContent('[data-testid="formulas"] caption')) ?? '';
    const [, H, nx, nh] = /H = (\d+), nx = (\d+), nh = (\d+)/.exec(caption.replace(/\s+/g, ' ')) ?? [];
    expect(Number(formula.replace(/,/g, ''))).toBe(3 * Number(H) * (Number(nx) + Number(nh)));

    await page.keyboard.press('PageDown');
    await page.waitForSelector('[data-testid="fixed-point"]');
    await page.click('[data-testid="q-zero-fixed"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="q-zero-fixed"]')?.getAttribute('aria-pressed') === 'true',
    );
    await page.waitForSelector('[data-testid="q-speedup"][aria-busy="false"]', { timeout: 60_000 });
    const fixed = await page.textContent('[data-testid="q-speedup"]');
    const [, seqFixed] = /this sequence ([\d.]+)/.exec(fixed ?? '') ?? [];
    expect(Number(seqFixed)).toBeGreaterThan(1.3);
    await page.click('[data-testid="q-zero-float"]');
    // The figures stay marked busy until both the sequence and the test set are the float ones.
    await page.waitForSelector('[data-testid="q-zero-float"][aria-pressed="true"]');
    await page.waitForSelector('[data-testid="q-speedup"][aria-busy="false"]', { timeout: 60_000 });
    const [, seqFloat] =
      /this sequence ([\d.]+)/.exec((await page.textContent('[data-testid="q-speedup"]')) ?? '') ?? [];
    expect(Number(seqFloat)).toBeLessThan(Number(seqFixed));
    await page.close();
  });

  it('step 3 shows a driving clip’s features next to their changes, counted by the engine against Θx', async () => {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1024, height: 768 },
    ]) {
      const page = await lab.newPage(size);
      await page.goto(`${lab.url}#explain=3`);
      await page.waitForSelector('[data-testid="driving-changes"][data-within]', { timeout: 60_000 });
      await page.waitForSelector('[data-testid="driving-diff-canvas"][data-drawn="yes"]');
      await page.waitForSelector('[data-testid="driving-features-canvas"][data-drawn="yes"]');
      const share = async (name: string) =>
        Number(await page.getAttribute('[data-testid="driving-changes"]', `data-${name}`));
      // The CNN's features of a road scene mostly repeat from one frame to the next.
      expect(await share('unchanged')).toBeGreaterThan(0.5);
      const caption = (await page.textContent('[data-testid="explain-caption"]')) ?? '';
      expect(caption).toMatch(/simulated driving test clip 1/);
      expect(caption).toMatch(/at most Θx = \d+ LSB/);
      // The lab opens at the model's operating point (Θ > 0); the dense preset (Θ = 0) leaves only
      // unchanged codes quiet.
      await page.waitForFunction(() =>
        /Layer 1 sent/.test(document.querySelector('[data-testid="explain-caption"]')?.textContent ?? ''),
      );
      const opened = /Θx = (\d+) LSB, so/.exec(
        (await page.textContent('[data-testid="explain-caption"]')) ?? '',
      );
      expect(Number(opened?.[1])).toBeGreaterThan(0);
      expect(await share('within')).toBeGreaterThan(await share('unchanged'));
      await page.keyboard.press('1');
      await page.waitForFunction(() =>
        /Θx = 0 LSB, so/.test(document.querySelector('[data-testid="explain-caption"]')?.textContent ?? ''),
      );
      expect(await share('within')).toBe(await share('unchanged'));
      // Nothing of the figure is cut off at this size.
      const box = await page.locator('[data-testid="driving-diff-canvas"]').boundingBox();
      expect(
        box && box.height > 20 && box.x + box.width <= size.width && box.y + box.height <= size.height,
      ).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/explain-step-3-driving-${size.width}x${size.height}.png` });
      await page.close();
    }
    expect(consoleErrors(lab.messages)).toEqual([]);
  });

  it('opens at a linked step, refuses a step that does not exist, and ends in the lab with a preset', async () => {
    const page = await lab.newPage({ width: 1280, height: 720 });
    await page.goto(`${lab.url}#explain=6`);
    await page.waitForSelector('[data-testid="explain"][data-step="6"]', { timeout: 60_000 });
    expect(await page.textContent('#explain-title')).toContain('Training');
    await page.waitForSelector('svg.tradeoff');
    await page.goto(`${lab.url}#explain=9`);
    await page.reload();
    await labReady(page);
    expect(await page.$('[data-testid="explain"]')).toBeNull();
    expect(await page.textContent('[data-testid="status"]')).toContain('explain');
    await page.goto(`${lab.url}#explain=7`);
    await page.reload();
    await page.waitForSelector('[data-testid="explain"][data-step="7"]', { timeout: 60_000 });
    await page.click('[data-testid="explain-preset-aggressive"]');
    await labReady(page);
    expect(await page.$('[data-testid="explain"]')).toBeNull();
    expect(
      await page.getAttribute('button[aria-pressed="true"]:has-text("aggressive")', 'aria-pressed'),
    ).toBe('true');
    expect(hashStep(page)).toBeNull();
    await page.close();
  });
});

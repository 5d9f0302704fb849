// A page a teacher can explain from, tried as a new user would on a projector: the whole page at the
// three usual sizes, shortcuts after a mouse drag, the chart as one Tab stop, no serious axe-core
// violations, notices out of the way, the link popover, labels from the task, the file button.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, type Lab, type Page, startLab } from './harness';
import { labReady, setPlaying, stepOf } from './lab-actions';

const ARTIFACTS = 'tests/e2e/artifacts';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

let lab: Lab;

beforeAll(async () => {
  lab = await startLab(process.env.DELTALAB_DIST ? { outDir: process.env.DELTALAB_DIST } : {});
});

afterAll(async () => {
  await lab?.close();
});

/** Every visible control whose box leaves the viewport. */
function controlsOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, a[href], [tabindex]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
        out.push(
          `${el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 24)}"`,
        );
    }
    return out;
  });
}

/**
 * Pairs of the trade-off chart's axis and legend texts that overlap, texts outside the chart, and
 * legend texts over a curve's points.
 */
function chartTextClashes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.tradeoff')!;
    const box = svg.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll<SVGTextElement>('.axis text, .legend text, .chart-note'));
    const rects = texts.map((t) => ({ t: t.textContent ?? '', r: t.getBoundingClientRect() }));
    const out: string[] = [];
    for (const a of rects) {
      if (
        a.r.left < box.left - 0.5 ||
        a.r.right > box.right + 0.5 ||
        a.r.top < box.top - 0.5 ||
        a.r.bottom > box.bottom + 0.5
      )
        out.push(`"${a.t}" clipped`);
    }
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i].r;
        const b = rects[j].r;
        if (
          a.left < b.right - 0.5 &&
          b.left < a.right - 0.5 &&
          a.top < b.bottom - 0.5 &&
          b.top < a.bottom - 0.5
        )
          out.push(`"${rects[i].t}" over "${rects[j].t}"`);
      }
    const legend = Array.from(svg.querySelectorAll<SVGTextElement>('.legend text')).map((t) => ({
      t: t.textContent ?? '',
      r: t.getBoundingClientRect(),
    }));
    for (const c of Array.from(svg.querySelectorAll<SVGCircleElement>('circle.pt'))) {
      const p = c.getBoundingClientRect();
      for (const l of legend)
        if (l.r.left < p.right && p.left < l.r.right && l.r.top < p.bottom && p.top < l.r.bottom)
          out.push(`"${l.t}" over the point ${c.dataset.point}`);
    }
    return out;
  });
}

describe('a page you can explain from', () => {
  it('is complete at 1024×768, 1280×720 and 1920×1080, normal and presentation, type growing with the screen', async () => {
    const fonts: number[] = [];
    for (const size of SIZES)
      for (const presentation of [false, true]) {
        const page = await lab.newPage(size);
        await page.goto(lab.url);
        await labReady(page);
        if (presentation) await page.keyboard.press('p');
        await page.waitForTimeout(300);
        const name = `${size.width}x${size.height}${presentation ? ' presentation' : ''}`;
        expect(await controlsOutside(page), name).toEqual([]);
        expect(await chartTextClashes(page), name).toEqual([]);
        // The page itself never scrolls at these sizes.
        const scroll = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.documentElement.scrollHeight,
        ]);
        expect(scroll, name).toEqual([size.width, size.height]);
        // The cost meter's speedup and accuracy show without scrolling its panel; in presentation mode
        // (an audience cannot scroll) the MAC reduction and the measured speedup too.
        const figures = ['set-Speedup', 'set-accuracy'];
        if (presentation) figures.push('set-MAC reduction', 'measured-speedup');
        const hidden = await page.evaluate((ids) => {
          const body = document.querySelector('.area-cost .panel-body')!.getBoundingClientRect();
          return ids.filter((id) => {
            const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
            return r.height === 0 || r.top < body.top - 0.5 || r.bottom > body.bottom + 0.5;
          });
        }, figures);
        expect(hidden, name).toEqual([]);
        if (!presentation)
          fonts.push(await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize)));
        await page.screenshot({
          path: `${ARTIFACTS}/explain-${size.width}x${size.height}${presentation ? '-presentation' : ''}.png`,
        });
        await page.close();
      }
    expect(fonts[2]).toBeGreaterThan(fonts[1]);
    expect(consoleErrors(lab.messages)).toEqual([]);
  });

  it('keeps every control reachable at 853×480 (the page scrolls rather than cutting the right column)', async () => {
    const page = await lab.newPage({ width: 853, height: 480 });
    await page.goto(lab.url);
    await labReady(page);
    const cut = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('button, input, select')) {
        const r0 = el.getBoundingClientRect();
        if (r0.width === 0 && r0.height === 0) continue;
        // Scrolled to, the control's centre shows the control itself (not cut by a panel's edge).
        el.scrollIntoView({ block: 'center', inline: 'center' });
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !(el.contains(hit) || hit.contains(el) || hit.closest('label')?.contains(el)))
          out.push((el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 24));
      }
      return { out, w: document.getElementById('root')!.scrollWidth };
    });
    expect(cut.out).toEqual([]);
    expect(cut.w).toBeLessThanOrEqual(853);
    await page.close();
  });

  it('keeps the shortcuts working after a slider was dragged with the mouse', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    await setPlaying(page, false);
    const slider = page.locator('[data-testid="theta-x"]');
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const theta = await slider.inputValue();
    const step = await stepOf(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`[data-testid="network-canvas"][data-step="${step + 1}"]`, { timeout: 5_000 });
    expect(await slider.inputValue()).toBe(theta);
    // Reached with Tab, the slider keeps its arrow keys.
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    expect(Number(await slider.inputValue())).toBe(Number(theta) + 1);
    await page.close();
  });

  it('has zero serious or critical axe-core violations, and one Tab stop for the chart', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    await setPlaying(page, false);
    // Evaluated through the debugger protocol: the page's CSP rightly refuses inline scripts.
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
      const axe = (window as any).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return (
        result.violations
          // Serious and critical ones, and the empty table header the issue found (axe rates it minor).
          .filter(
            (v: { id: string; impact: string }) =>
              v.impact === 'serious' || v.impact === 'critical' || v.id === 'empty-table-header',
          )
          .map(
            (v: { id: string; nodes: { target: string[] }[] }) =>
              `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`,
          )
      );
    });
    expect(violations).toEqual([]);
    // The chart is one focusable element; its points are not Tab stops.
    expect(await page.locator('svg.tradeoff [tabindex]').count()).toBe(0);
    const chart = page.locator('[data-testid="tradeoff-chart"]');
    await chart.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const shown = page.locator('.pt.cursor');
    expect(await shown.count()).toBe(1);
    expect(await page.locator('.tooltip').isVisible()).toBe(true);
    const [, tx] = /Θx (\d+)/.exec((await shown.getAttribute('data-point')) ?? '') ?? [];
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (v) =>
        document
          .querySelector('[data-testid="theta-x"]')
          ?.getAttribute('aria-valuetext')
          ?.startsWith(`${v} LSB`),
      tx,
    );
    await page.close();
  });

  it('explains every colour of the network view and labels the chart for export', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    const legend = (await page.textContent('[data-testid="net-legend"]')) ?? '';
    expect(legend).toContain('up');
    expect(legend).toContain('silent');
    expect(legend).toContain('x̂');
    expect(await page.textContent('[data-testid="legend-current"]')).toMatch(
      /current \(fixed\): Θx \d+, Θh \d+/,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=SVG')]);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg).toContain('class="chart-title"');
    expect(svg).toContain('accuracy against speedup');
    expect(svg).toContain('current (fixed)');
    expect(svg).not.toContain('tabindex');
    // Float arithmetic over the shipped fixed-point curves says so on the chart.
    expect(await page.locator('[data-testid="chart-note"]').count()).toBe(0);
    await page.selectOption('.threshold-options select', 'float');
    await page.waitForSelector('[data-testid="chart-note"]');
    expect(await page.textContent('[data-testid="chart-note"]')).toContain('fixed point');
    expect(await chartTextClashes(page)).toEqual([]);
    await page.close();
  });

  it('opens a file with the button, shows its error in the footer, and closes the link popover', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    // A broken file through the open button: an error in the footer, never over the chart.
    expect(await page.isVisible('[data-testid="open-file"]')).toBe(true);
    await page.setInputFiles('[data-testid="open-file-input"]', {
      name: 'broken.dlm',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('not a model'),
    });
    const error = await page.waitForSelector('[data-testid="notice-error"]', { timeout: 30_000 });
    const e = (await error.boundingBox())!;
    const c = (await page.locator('svg.tradeoff').boundingBox())!;
    expect(e.y).toBeGreaterThanOrEqual(c.y + c.height);
    // Copy link: Escape closes the popover, so does a click elsewhere.
    await page.click('[data-testid="copy-link"]');
    await page.waitForSelector('[data-testid="link-popover"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="link-popover"]', { state: 'detached' });
    await page.click('[data-testid="copy-link"]');
    await page.waitForSelector('[data-testid="link-popover"]');
    await page.mouse.click(20, 300);
    await page.waitForSelector('[data-testid="link-popover"]', { state: 'detached' });
    // The error stays until dismissed (information and warnings fade: tests/unit/app/notices.test.ts).
    await page.waitForTimeout(500);
    await page.locator('[data-testid="notice-error"] button').click();
    await page.waitForSelector('[data-testid="notice-error"]', { state: 'detached' });
    await page.close();
  });

  it('names the example task’s classes and input from the task, not as digits', async () => {
    const page = await lab.newPage();
    await page.goto(`${lab.url}#task=example`);
    await labReady(page);
    expect(await page.textContent('.picker label:has([data-testid="digit-select"])')).toMatch(/^Class/);
    expect(await page.textContent('#panel-input')).toBe('Input: synthetic bands');
    await page.goto(`${lab.url}#task=digits`);
    await page.reload();
    await labReady(page);
    expect(await page.textContent('#panel-input')).toBe('Input: log-mel spectrogram');
    expect(await page.textContent('.picker label:has([data-testid="digit-select"])')).toMatch(/^Digit/);
    await page.close();
  });
});

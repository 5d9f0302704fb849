// The single-file build opened straight from disk (file://), no server, no network: it loads its
// models from inside itself, starts its worker from a blob: URL, plays a sample and evaluates the set.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CHROMIUM_ARGS, consoleErrors } from './harness';
import { labReady, setPlaying } from './lab-actions';

let outDir: string;
let browser: Browser;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'deltalab-single-'));
  // The build as `npm run build:single` runs it (a fresh process: the test runner's NODE_ENV=test
  // would otherwise give React's development build), only into a folder of this test's own.
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'tools/build/vite.single.config.ts', '--outDir', outDir],
    {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'ignore',
    },
  );
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
});

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the single-file build', () => {
  it('is one HTML file that loads nothing from beside it', () => {
    expect(readdirSync(outDir)).toEqual(['deltalab.html']);
    const html = readFileSync(join(outDir, 'deltalab.html'), 'utf8');
    // (Matched by hand: a failing toMatch would print the whole 2 MB page.)
    expect(/<script[^>]*\ssrc=/.test(html)).toBe(false);
    expect(/<link[^>]*rel="(stylesheet|modulepreload)"/.test(html)).toBe(false);
    expect(/http-equiv="Content-Security-Policy"/.test(html)).toBe(true);
    expect(/react-stack-top-frame/.test(html)).toBe(false);
  });

  it('opens from file://, plays a sample and evaluates the test set', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const messages: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(outDir, 'deltalab.html')).href);
    await labReady(page);
    expect(await page.textContent('[data-testid="set-accuracy"]')).toMatch(/\d+(\.\d+)?\s*%/);

    const before = await page.textContent('.item-id');
    const options = await page.$$eval('[data-testid="digit-select"] option', (o) =>
      o.map((x) => (x as HTMLOptionElement).value),
    );
    await page.selectOption('[data-testid="digit-select"]', options[options.length - 1]);
    await page.waitForFunction((b) => document.querySelector('.item-id')?.textContent !== b, before);
    await page.waitForSelector('[data-testid="network-canvas"][data-step]:not([data-step="-1"])');
    await setPlaying(page, true);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="network-canvas"]')?.getAttribute('data-step')) >= 3,
    );

    // The page itself, then only its own blob: workers: no file beside it, nothing on a network.
    expect(requests[0]).toMatch(/^file:.*deltalab\.html$/);
    expect(requests.slice(1).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(consoleErrors(messages)).toEqual([]);
    await page.close();
  });
});

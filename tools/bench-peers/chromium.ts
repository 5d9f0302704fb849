// The Chromium half of the peer benchmark: bundles chromium/page.ts with esbuild into a temporary
// folder (never the site's build), opens it in headless Chromium on a local route that serves only
// that bundle and the .wasm files from node_modules (anything else is refused and reported), and
// runs the same shapes as Node.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/harness';
import type { PeerRow } from './run-shape';
import type { WireShape } from './wire';

const ORIGIN = 'http://peers.bench';
const HTML =
  '<!doctype html><meta charset="utf-8"><title>peers</title><script type="module" src="/page.js"></script>';
const DIRS: Record<string, string> = {
  '/ort/': 'node_modules/onnxruntime-web/dist/',
  '/tfjs-wasm/': 'node_modules/@tensorflow/tfjs-backend-wasm/dist/',
};
const TYPES: Record<string, string> = {
  js: 'text/javascript',
  mjs: 'text/javascript',
  wasm: 'application/wasm',
  html: 'text/html',
};

export interface ChromiumPeers {
  rows: PeerRow[];
  skipped: string[];
  browser: string;
}

export async function chromiumPeers(
  shapes: WireShape[],
  rounds: number,
  log: (line: string) => void,
): Promise<ChromiumPeers> {
  const dir = mkdtempSync(join(tmpdir(), 'deltalab-peers-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await build({
      entryPoints: ['tools/bench-peers/chromium/page.ts'],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: join(dir, 'page.js'),
      // Emscripten glue names Node modules on paths a browser never takes.
      external: ['fs', 'path', 'worker_threads', 'crypto', 'os', 'perf_hooks', 'util', 'url', 'module'],
      logLevel: 'error',
    });
    const page = await browser.newPage();
    const refused: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) {
        refused.push(url.href);
        return route.abort();
      }
      const p = url.pathname;
      let file: string | null = null;
      if (p === '/') return route.fulfill({ body: HTML, contentType: TYPES.html });
      if (p === '/page.js') file = join(dir, 'page.js');
      for (const [prefix, d] of Object.entries(DIRS)) {
        const name = p.slice(prefix.length);
        if (p.startsWith(prefix) && /^[\w.-]+$/.test(name)) file = d + name;
      }
      if (!file) {
        refused.push(url.href);
        return route.fulfill({ status: 404, body: '' });
      }
      return route.fulfill({
        body: readFileSync(file),
        contentType: TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
      });
    });
    page.on('console', (m) => {
      if (m.type() === 'error') log(`chromium console: ${m.text()}`);
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 120_000 });
    const rows: PeerRow[] = [];
    const skipped: string[] = [];
    // One shape per call keeps each evaluate short and prints progress as it goes.
    for (const s of shapes) {
      const out = await page.evaluate(([w, r]) => window.runPeers([w], r), [s, rounds] as const);
      for (const l of out.log) log(l);
      rows.push(...out.rows);
      skipped.push(...out.skipped.filter((x) => !skipped.includes(x)));
    }
    if (refused.length)
      skipped.push(`chromium asked for files outside the bench route (refused): ${refused.join(', ')}`);
    return { rows, skipped, browser: `Chromium ${browser.version()}` };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// No request leaves the page's origin: every request of a session (page, workers, service worker)
// is recorded while the lab loads, plays, moves a threshold, sweeps and exports; and the built pages'
// Content-Security-Policy really refuses a connection elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIST } from './demo-dist';
import { consoleErrors, type Lab, startLab } from './harness';
import { labReady, setPlaying } from './lab-actions';

let lab: Lab;
const requests: string[] = [];

beforeAll(async () => {
  lab = await startLab({ outDir: DEMO_DIST });
  lab.context.on('request', (r) => requests.push(r.url()));
});

afterAll(async () => {
  await lab?.close();
});

function outside(urls: string[], origin: string): string[] {
  return urls.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin);
}

describe('outside connections', () => {
  it('makes no request outside the page origin while the lab is used', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    await setPlaying(page, true);
    await page.click('button:has-text("aggressive")');
    await page.waitForSelector('[data-testid="live-point"]');
    await page.click('[data-testid="recompute"]');
    await page.waitForSelector('[data-testid="recompute"]:not([disabled])', { timeout: 60_000 });
    const download = page.waitForEvent('download');
    await page.click('[data-testid="export-csv"]');
    await download;
    expect(consoleErrors(lab.messages)).toEqual([]);
    await page.goto(`${lab.url}no/such/page`);
    await page.waitForLoadState('networkidle');

    const origin = new URL(lab.url).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.some((u) => u.endsWith('.dlm'))).toBe(true);
    expect(outside(requests, origin)).toEqual([]);
    await page.close();
  });

  it('has every built page refuse a connection to another origin (CSP)', async () => {
    const page = await lab.newPage();
    for (const path of ['', 'no/such/page']) {
      await page.goto(`${lab.url}${path}`);
      const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      expect(policy).toMatch(/connect-src 'self'(;|$)/);
      // Another port of this machine is another origin: the policy stops the request before it starts.
      const result = await page.evaluate(async () => {
        const violated = new Promise<string>((resolve) =>
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
            once: true,
          }),
        );
        try {
          await fetch('http://127.0.0.1:9/elsewhere');
          return 'sent';
        } catch {
          return `refused: ${await violated}`;
        }
      });
      expect(result).toBe('refused: connect-src');
    }
    await page.close();
  });
});

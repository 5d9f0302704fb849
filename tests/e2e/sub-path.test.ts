// The ordinary build served from a sub-path of a static host (as GitHub Pages serves a project), and
// a mistyped deep link: the host's 404 page explains and links to the lab instead of a blank page.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIST } from './demo-dist';
import { consoleErrors, type Lab, startLab } from './harness';
import { labReady } from './lab-actions';

const SUB = 'deltalab/demo/';
let site: string;
let lab: Lab;

beforeAll(async () => {
  const dist = DEMO_DIST ?? 'dist';
  site = mkdtempSync(join(tmpdir(), 'deltalab-site-'));
  cpSync(dist, join(site, SUB), { recursive: true });
  // A host serves one 404 page for the whole site, from its root.
  cpSync(join(dist, '404.html'), join(site, '404.html'));
  lab = await startLab({ outDir: site });
});

afterAll(async () => {
  await lab?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

describe('the build on a static host', () => {
  it('runs from a sub-path', async () => {
    const page = await lab.newPage();
    await page.goto(`${lab.url}${SUB}`);
    await labReady(page);
    expect(await page.textContent('[data-testid="set-accuracy"]')).toMatch(/%/);
    expect(consoleErrors(lab.messages)).toEqual([]);
    await page.close();
  });

  it('answers an unknown path with a page that links to the lab', async () => {
    const page = await lab.newPage();
    const response = await page.goto(`${lab.url}${SUB}nonexistent/path`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('h1')).toMatch(/no page here/);
    // The page finds the lab's folder among the address's parents.
    await page.waitForSelector(`[data-testid="lab-link"][href="/${SUB}"]`);
    await page.click('[data-testid="lab-link"]');
    await labReady(page);
    expect(new URL(page.url()).pathname).toBe(`/${SUB}`);
    await page.close();
  });

  it('links to the root when no parent folder holds the lab', async () => {
    const page = await lab.newPage();
    const response = await page.goto(`${lab.url}elsewhere/entirely`);
    expect(response?.status()).toBe(404);
    await page.waitForLoadState('networkidle');
    expect(await page.getAttribute('[data-testid="lab-link"]', 'href')).toBe('/');
    await page.close();
  });
});

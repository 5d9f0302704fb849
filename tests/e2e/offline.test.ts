// The installable offline app: one visit installs the service worker; then, with the server gone and
// the browser offline, a reload still opens the lab, plays a sample and evaluates the test set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIST } from './demo-dist';
import { consoleErrors, type Lab, startLab } from './harness';
import { labReady } from './lab-actions';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ outDir: DEMO_DIST });
});

afterAll(async () => {
  await lab?.close();
});

describe('the offline app', () => {
  it('is installable: a web manifest with a name, an icon and a standalone display', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBeTruthy();
    const manifest = await page.evaluate(async (h) => (await fetch(h!)).json(), href);
    expect(manifest.name).toMatch(/DeltaLab/);
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('./');
    expect(manifest.icons.length).toBeGreaterThan(0);
    // Chromium's own verdict, once the service worker controls the page: nothing stops an install.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const cdp = await lab.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    await page.close();
  });

  it('reloads with no server and no network, runs a sample and evaluates the test set', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    // The worker precaches everything while installing; once it controls the page, it is done.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

    await lab.stopServer();
    await lab.context.setOffline(true);
    // Proof that nothing answers any more but the service worker.
    const direct = await page.evaluate(async (u) => {
      try {
        await fetch(`${u}models/manifest.json?no-cache-${Date.now()}`, { cache: 'no-store' });
        return 'answered';
      } catch {
        return 'failed';
      }
    }, lab.url);
    expect(direct).toBe('failed');
    const probeMessages = lab.messages.length;

    await page.reload();
    await labReady(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.textContent('[data-testid="set-accuracy"]')).toMatch(/\d+(\.\d+)?\s*%/);

    // Another sample: its features, trace and drawing all come from the cached files.
    const before = await page.textContent('.item-id');
    const options = await page.$$eval('[data-testid="digit-select"] option', (o) =>
      o.map((x) => (x as HTMLOptionElement).value),
    );
    await page.selectOption('[data-testid="digit-select"]', options[options.length - 1]);
    await page.waitForFunction((b) => document.querySelector('.item-id')?.textContent !== b, before);
    await page.waitForSelector('[data-testid="network-canvas"][data-step]:not([data-step="-1"])');
    // The probe above logged its own refused request; nothing after it may fail.
    expect(consoleErrors(lab.messages.slice(probeMessages))).toEqual([]);
    await lab.context.setOffline(false);
    await page.close();
  });
});

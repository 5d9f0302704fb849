// Connected digits as a user meets them: pick the task, play a string and watch the transcript grow
// with the playhead while both GRU layers fire; then always-on listening to a long recording of the
// pack, where the delta network's operations per second fall in the silences between strings and the
// dense network's stay where they are; the same through a (fake) microphone playing a string of FSDD
// test takes (read from the shared data at test time, never committed). Screenshots of both at three
// sizes, normal and presentation.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/data/wav';
import { encodeWav16 } from '../../src/data/wav-write';
import { DEMO_DIST } from './demo-dist';
import { consoleErrors, fakeMicrophoneArgs, type Lab, type Page, startLab } from './harness';
import { setPlaying } from './lab-actions';

let lab: Lab;
let page: Page;
const SHOTS = process.env.DELTALAB_SHOTS ?? '';

const attr = (sel: string, name: string) => page.getAttribute(`[data-testid="${sel}"]`, name);

async function connectedReady(p: Page) {
  await p.waitForSelector('[data-testid="connected-view"]', { timeout: 60_000 });
  await p.waitForSelector('[data-testid="network-canvas"][data-step]:not([data-step="-1"])', {
    timeout: 60_000,
  });
  await p.waitForSelector('[data-testid="transcript"][data-count]', { timeout: 60_000 });
  await p.waitForSelector('[data-testid="cost-meter"][data-speedup]', { timeout: 60_000 });
}

beforeAll(async () => {
  lab = await startLab({ outDir: DEMO_DIST });
  page = await lab.newPage({ width: 1280, height: 720 });
  await page.goto(lab.url);
  await page.waitForSelector('[data-testid="task-select"]', { timeout: 60_000 });
  await page.selectOption('[data-testid="task-select"]', 'connected');
  await connectedReady(page);
});

afterAll(async () => {
  await lab?.close();
});

describe('connected digits', () => {
  it('plays a string: the transcript grows frame by frame and both layers fire', async () => {
    expect(new URL(page.url()).hash).toMatch(/task=connected/);
    expect(await page.textContent('[data-testid="task-select"] option[value="connected"]')).toBe(
      'connected digits',
    );
    await setPlaying(page, false);
    await page.click('[aria-label="Restart"]');
    await page.waitForSelector('[data-testid="network-canvas"][data-step="0"]');
    await setPlaying(page, true);
    const counts: number[] = [];
    const fired = [0, 0];
    const steps = Number((await page.textContent('.step-count'))?.split('/')[1] ?? 0);
    // 4x: the string plays in a few seconds instead of twenty.
    await page.locator('.step-count ~ label select').selectOption('4');
    for (let k = 0; k < 400; k++) {
      const [count, layers, step] = await page.evaluate(() => [
        document.querySelector('[data-testid="transcript"]')?.getAttribute('data-count'),
        document.querySelector('[data-testid="network-canvas"]')?.getAttribute('data-fired-layers'),
        document.querySelector('[data-testid="network-canvas"]')?.getAttribute('data-step'),
      ]);
      counts.push(Number(count));
      (layers ?? '').split(',').forEach((pair, l) => {
        const [nx, nh] = pair.split('/').map(Number);
        if (nx + nh > 0) fired[l]++;
      });
      if (steps > 0 && Number(step) >= steps - 1) break;
      await page.waitForTimeout(100);
    }
    // The transcript grew during playback (not all at once, from at most the first frame's digit), and
    // never shrank.
    expect(counts[0]).toBeLessThanOrEqual(1);
    expect(new Set(counts).size).toBeGreaterThan(2);
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeGreaterThanOrEqual(counts[k - 1]);
    expect(counts.at(-1)).toBeGreaterThan(0);
    // Both layers transmitted changes while it played.
    expect(fired[0]).toBeGreaterThan(0);
    expect(fired[1]).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="reference"]')).toMatch(/^\d( \d)+$/);
    expect(await page.textContent('[data-testid="set-accuracy"]')).toMatch(/%$/);
    expect(await page.textContent('main')).toContain('digit error rate');
  });

  it('listens to a long recording: the operation rate drops in the silences, dense stays constant', async () => {
    await page.click('[data-testid="hear-always"]');
    await page.waitForSelector('[data-testid="listen-play"]:not([disabled])', { timeout: 30_000 });
    expect(new URL(page.url()).hash).toMatch(/hear=always/);
    await page.click('[data-testid="listen-play"]');
    const delta: number[] = [];
    const dense: number[] = [];
    await page.waitForSelector('[data-testid="ops-rate"][data-rate]:not([data-rate=""])', {
      timeout: 30_000,
    });
    for (let k = 0; k < 300; k++) {
      const [d, n, running] = await page.evaluate(() => [
        document.querySelector('[data-testid="ops-rate"]')?.getAttribute('data-rate'),
        document.querySelector('[data-testid="dense-rate"]')?.getAttribute('data-rate'),
        document.querySelector('[data-testid="listen-controls"]')?.getAttribute('data-running'),
      ]);
      delta.push(Number(d));
      dense.push(Number(n));
      if (running === 'false') break;
      await page.waitForTimeout(100);
    }
    expect(delta.length).toBeGreaterThan(40);
    const max = Math.max(...delta);
    const min = Math.min(...delta);
    // Speech keeps the delta network busier than the silences, where it falls to a small share of
    // what the dense network does on the same audio, all the time.
    expect(max).toBeGreaterThan(1.5 * min);
    expect(max).toBeLessThan(dense[0]);
    expect(min).toBeLessThan(0.15 * dense[0]);
    expect(new Set(dense).size).toBe(1);
    expect(Number(await attr('heard-delta', 'data-count'))).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="listen-totals"]')).toMatch(/s heard/);
  });

  it('looks complete at three sizes, normal and presentation, without console errors', async () => {
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    for (const [w, h] of [
      [1024, 768],
      [1280, 720],
      [1920, 1080],
    ] as const) {
      for (const pres of [false, true]) {
        for (const hear of ['string', 'always'] as const) {
          const p = await lab.newPage({ width: w, height: h });
          await p.goto(`${lab.url}#task=connected&hear=${hear}${pres ? '&pres=1' : ''}`);
          if (hear === 'string') await connectedReady(p);
          else {
            await p.waitForSelector('[data-testid="listen-play"]:not([disabled])', { timeout: 30_000 });
            await p.click('[data-testid="listen-play"]');
            await p.waitForTimeout(4000);
          }
          // Nothing overflows the page: the view fits the window.
          const over = await p.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
          expect(over).toBeLessThanOrEqual(0);
          if (SHOTS)
            await p.screenshot({ path: `${SHOTS}/connected-${hear}-${w}x${h}${pres ? '-pres' : ''}.png` });
          await p.close();
        }
      }
    }
    expect(consoleErrors(lab.messages)).toEqual([]);
  });
});

const FSDD = fileURLToPath(new URL('../../../shared/data/fsdd/recordings/', import.meta.url));
/** One speaker, test-split takes, said as a string with short pauses. */
const STRING = ['4_jackson_0.wav', '1_jackson_2.wav', '7_jackson_1.wav'];

/** The string with 1.5 s of silence before and after: a phone number said into a quiet room. */
function spokenString(dir: string): string {
  const takes = STRING.map((n) => decodeWav(new Uint8Array(readFileSync(join(FSDD, n)))));
  const rate = takes[0].sampleRate;
  const gap = Math.round(0.15 * rate);
  const quiet = Math.round(1.5 * rate);
  const n = takes.reduce((a, t) => a + t.samples.length + gap, 2 * quiet);
  const x = new Float32Array(n);
  let at = quiet;
  for (const t of takes) {
    x.set(t.samples, at);
    at += t.samples.length + gap;
  }
  const path = join(dir, 'string.wav');
  writeFileSync(path, encodeWav16(x, rate));
  return path;
}

describe.skipIf(!existsSync(FSDD))('connected digits through the microphone', () => {
  it('listens continuously: the delta rate rises with the string and falls in the silence around it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deltalab-connected-'));
    const mic = await startLab({ outDir: DEMO_DIST, args: fakeMicrophoneArgs(spokenString(dir)) });
    try {
      const p = await mic.newPage({ width: 1280, height: 720 });
      await p.goto(`${mic.url}#task=connected&hear=always`);
      await p.waitForSelector('[data-testid="listen-mic"]', { timeout: 60_000 });
      await p.click('[data-testid="listen-mic"]');
      await p.waitForSelector('[data-testid="ops-rate"][data-rate]:not([data-rate=""])', { timeout: 30_000 });
      const delta: number[] = [];
      const dense: number[] = [];
      let heard = 0;
      // The fake microphone loops the recording (about 5 s): listen to more than one pass.
      for (let k = 0; k < 90; k++) {
        const [d, n, h] = await p.evaluate(() => {
          const el = document.querySelector('[data-testid="ops-rate"]');
          return [
            el?.getAttribute('data-rate'),
            document.querySelector('[data-testid="dense-rate"]')?.getAttribute('data-rate'),
            el?.getAttribute('data-heard'),
          ];
        });
        delta.push(Number(d));
        dense.push(Number(n));
        expect(Number(h)).toBeGreaterThanOrEqual(heard);
        heard = Number(h);
        await p.waitForTimeout(100);
      }
      // It never stopped by itself (no endpointing): frames kept coming for the whole time.
      expect(heard).toBeGreaterThan(500);
      expect(await p.getAttribute('[data-testid="listen-controls"]', 'data-running')).toBe('true');
      expect(Math.max(...delta)).toBeGreaterThan(1.5 * Math.min(...delta));
      expect(Math.min(...delta)).toBeLessThan(0.15 * dense[0]);
      expect(new Set(dense).size).toBe(1);
      await p.click('[data-testid="listen-stop"]');
      expect(consoleErrors(mic.messages)).toEqual([]);
    } finally {
      await mic.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

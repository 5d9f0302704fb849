// The simulator renders the same bytes in the browser as in Node: the module is bundled here with
// esbuild (no test page ships in the site) and run in Debian's headless Chromium.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipDigest, RoadSimulator, renderClip } from '../../src/data/driving';
import { decodePack } from '../../src/engine/format/index';
import { type Browser, CHROMIUM_ARGS, type Page } from './harness';

const SEEDS = [1, 77, 100_003, 200_000, 254_321];
const FRAMES = 400;

/** A closed-loop drive with a fixed steering script (it ends off the road), reduced to one hash. */
function scriptedDigest(Sim: typeof RoadSimulator, seed: number): string {
  const sim = new Sim(seed);
  let h = 0x811c9dc5;
  for (let t = 0; t < 300; t++) {
    const r = sim.step(t < 100 ? undefined : t < 150 ? 25 * ((t % 7) - 3) : 400);
    for (const b of r.frame) h = Math.imul(h ^ b, 0x01000193);
    h = Math.imul(h ^ (r.offRoad ? 1 : 0), 0x01000193);
    h = Math.imul(h ^ Math.round(r.lateralError * 1e6), 0x01000193);
  }
  return (h >>> 0).toString(16);
}

describe('driving simulator in the browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [new URL('../../src/data/driving/index.ts', import.meta.url).pathname],
      bundle: true,
      format: 'iife',
      globalName: 'driving',
      write: false,
      logLevel: 'silent',
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><title>simulator</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    await page.addScriptTag({ content: `window.scriptedDigest = ${scriptedDigest.toString()};` });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renderClip gives the same frames and angles as in Node', async () => {
    const inBrowser = await page.evaluate(
      ({ seeds, frames }) => {
        const d = (window as unknown as { driving: typeof import('../../src/data/driving') }).driving;
        return seeds.map((seed) => d.clipDigest(d.renderClip({ seed, frames })));
      },
      { seeds: SEEDS, frames: FRAMES },
    );
    const inNode = SEEDS.map((seed) => clipDigest(renderClip({ seed, frames: FRAMES })));
    expect(inBrowser).toEqual(inNode);
    expect(new Set(inNode).size).toBe(SEEDS.length);
  });

  it('re-renders the shipped test pack’s clips bit for bit from their seeds', async () => {
    const pack = decodePack(
      new Uint8Array(readFileSync(new URL('../../public/models/driving-test.dlp', import.meta.url))),
    );
    const clips = (pack.features as { clips: { seed: number; frames: number; digest: string }[] }).clips;
    const inBrowser = await page.evaluate((cs) => {
      const d = (window as unknown as { driving: typeof import('../../src/data/driving') }).driving;
      return cs.map((c) => d.clipDigest(d.renderClip({ seed: c.seed, frames: c.frames })));
    }, clips);
    expect(inBrowser).toEqual(clips.map((c) => c.digest));
  });

  it('a closed-loop drive with outside steering is the same in both', async () => {
    const inBrowser = await page.evaluate(
      (seeds) => {
        const w = window as unknown as {
          driving: typeof import('../../src/data/driving');
          scriptedDigest: (Sim: unknown, seed: number) => string;
        };
        return seeds.map((seed) => w.scriptedDigest(w.driving.RoadSimulator, seed));
      },
      SEEDS.slice(0, 3),
    );
    expect(inBrowser).toEqual(SEEDS.slice(0, 3).map((seed) => scriptedDigest(RoadSimulator, seed)));
  });
});

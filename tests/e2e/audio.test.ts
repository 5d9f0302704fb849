// Hearing the sample: the test recording plays in a media element that follows the playhead (its
// time tracks the step, its rate the speed), stops on pause, parks where a step lands, mutes and
// remembers it, and goes quiet for a task whose pack has no audio.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrors, type Lab, type Page, startLab } from './harness';
import { labReady, setPlaying, stepOf } from './lab-actions';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab?.close();
});

/** The FSDD hop: one playhead step is 10 ms of audio. */
const STEP_SECONDS = 0.01;

const media = (page: Page) =>
  page.$eval('[data-testid="sample-audio"]', (el) => {
    const a = el as HTMLAudioElement;
    return { paused: a.paused, time: a.currentTime, rate: a.playbackRate, muted: a.muted, ended: a.ended };
  });

/** The painted step and the element's time, read in the same task. */
const both = (page: Page) =>
  page.evaluate(() => {
    const a = document.querySelector<HTMLAudioElement>('[data-testid="sample-audio"]')!;
    const step = Number(document.querySelector('[data-testid="network-canvas"]')?.getAttribute('data-step'));
    return { step, time: a.currentTime, paused: a.paused };
  });

describe('sample audio', () => {
  it('plays with the playhead at the playback speed, stops and parks with it, and mutes', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    await page.waitForSelector('[data-testid="sample-audio"]', { state: 'attached', timeout: 20_000 });
    await setPlaying(page, false);
    await page.click('[aria-label="Restart"]');
    await page.waitForSelector('[data-testid="network-canvas"][data-step="0"]');
    expect((await media(page)).paused).toBe(true);
    const pressed = await page.getAttribute('[data-testid="mute"]', 'aria-pressed');
    if (pressed === 'false') await page.click('[data-testid="mute"]');

    // 1x: ten steps a second, so the recording plays at a tenth of real time.
    await page.click('[data-testid="play"]');
    await page.waitForFunction(
      () => {
        const a = document.querySelector<HTMLAudioElement>('[data-testid="sample-audio"]');
        return a && !a.paused && a.currentTime > 0.02;
      },
      null,
      { timeout: 10_000 },
    );
    // The element holds this sample's recording: as long as its frames (25 ms window, 10 ms hop).
    const steps = Number(await page.getAttribute('[data-testid="scrubber"]', 'max')) + 1;
    const duration = await page.$eval(
      '[data-testid="sample-audio"]',
      (el) => (el as HTMLAudioElement).duration,
    );
    expect(Math.abs(duration - steps * STEP_SECONDS)).toBeLessThan(0.03);
    const playing = await media(page);
    expect(playing.rate).toBeCloseTo(0.1, 6);
    expect(playing.muted).toBe(false);
    // Its time follows the playhead: within a few steps at every look.
    for (let k = 0; k < 4; k++) {
      const s = await both(page);
      if (s.paused) break;
      expect(Math.abs(s.time - s.step * STEP_SECONDS)).toBeLessThan(4 * STEP_SECONDS);
      await page.waitForTimeout(250);
    }

    // Faster playback: the rate follows the speed.
    await page.selectOption('.transport select', '2');
    await page.waitForFunction(
      () => document.querySelector<HTMLAudioElement>('[data-testid="sample-audio"]')?.playbackRate === 0.2,
    );

    // Pause stops it; a step parks it at the new step.
    await setPlaying(page, false);
    await page.waitForFunction(
      () => document.querySelector<HTMLAudioElement>('[data-testid="sample-audio"]')?.paused,
    );
    await page.click('[aria-label="Restart"]');
    await page.click('[aria-label="Step forward"]');
    await page.click('[aria-label="Step forward"]');
    await page.waitForSelector('[data-testid="network-canvas"][data-step="2"]');
    await page.waitForFunction(
      () =>
        Math.abs(
          (document.querySelector<HTMLAudioElement>('[data-testid="sample-audio"]')?.currentTime ?? 0) - 0.02,
        ) < 1e-3,
    );
    expect((await media(page)).paused).toBe(true);

    // Too slow to stretch: at 0.25x the element waits silently, and says why.
    await page.selectOption('.transport select', '0.25');
    await page.waitForSelector('[data-testid="too-slow"]');
    await setPlaying(page, true);
    await page.waitForTimeout(400);
    expect((await media(page)).paused).toBe(true);
    await setPlaying(page, false);
    await page.selectOption('.transport select', '1');

    // Mute by keyboard: the element is muted and the switch says so; a reload remembers it.
    await page.focus('[data-testid="mute"]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('[data-testid="mute"]', 'aria-pressed')).toBe('false');
    expect((await media(page)).muted).toBe(true);
    await page.reload();
    await labReady(page);
    await page.waitForSelector('[data-testid="sample-audio"]', { state: 'attached' });
    expect(await page.getAttribute('[data-testid="mute"]', 'aria-pressed')).toBe('false');
    expect((await media(page)).muted).toBe(true);
    // The s key turns the sound back on from anywhere on the page.
    await page.keyboard.press('s');
    await page.waitForFunction(
      () => !document.querySelector<HTMLAudioElement>('[data-testid="sample-audio"]')?.muted,
    );
    expect(await page.getAttribute('[data-testid="mute"]', 'aria-pressed')).toBe('true');
    expect(await stepOf(page)).toBeGreaterThanOrEqual(0);
    expect(consoleErrors(lab.messages)).toEqual([]);
    await page.close();
  });

  it('has no sound for a task whose pack carries none (the example task)', async () => {
    const page = await lab.newPage();
    await page.goto(lab.url);
    await labReady(page);
    await page.waitForSelector('[data-testid="sample-audio"]', { state: 'attached', timeout: 20_000 });
    await page.selectOption('[data-testid="task-select"]', 'example');
    await page.waitForSelector('[data-testid="sample-audio"]', { state: 'detached', timeout: 20_000 });
    await labReady(page);
    expect(await page.locator('[data-testid="mute"]').count()).toBe(0);
    await page.close();
  });
});

// Pack recordings through the worker's service: the shipped digits pack plays each test recording as
// a WAV of the right length and timing, packs without audio give none, bad indices are refused.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wavToMono } from '../../../src/data/wav';
import { decodePack } from '../../../src/engine/format';
import { EngineService } from '../../../src/workers/engine-service';
import { toEngineErrorInfo } from '../../../src/workers/errors';
import { packBytes } from './fixtures';

const DIGITS = new URL('../../../public/models/digits-test.dlp', import.meta.url);
const FSDD = new URL('../../../../shared/data/fsdd/recordings/', import.meta.url);

function digitsBytes(): ArrayBuffer {
  const b = readFileSync(DIGITS);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe('itemAudio', () => {
  it('gives each shipped test item its recording as a WAV lasting as long as its frames', async () => {
    const s = new EngineService();
    await s.loadPack('d', digitsBytes());
    const pack = decodePack(digitsBytes());
    for (const k of [0, 137, 299]) {
      const a = (await s.itemAudio('d', k))!;
      expect(a.secondsPerStep).toBeCloseTo(0.01, 9);
      expect(a.credit).toMatch(/Free Spoken Digit Dataset.*\(CC BY-SA 4\.0\)/);
      const mono = wavToMono(a.wav, 8000);
      expect(mono.length).toBe(pack.items[k].audio!.samples);
      expect(a.seconds).toBeCloseTo(mono.length / 8000, 9);
      // The frames cover the recording: T frames at a 10 ms hop with a 25 ms window.
      expect(Math.abs(pack.items[k].length * a.secondsPerStep - a.seconds)).toBeLessThan(0.03);
    }
  });

  it.skipIf(!existsSync(FSDD))('sounds like the FSDD recording it came from', async () => {
    const s = new EngineService();
    await s.loadPack('d', digitsBytes());
    const pack = decodePack(digitsBytes());
    const item = pack.items[5];
    const original = wavToMono(new Uint8Array(readFileSync(new URL(`${item.id}.wav`, FSDD))), 8000);
    const played = wavToMono((await s.itemAudio('d', 5))!.wav, 8000);
    let signal = 0;
    let noise = 0;
    for (let i = 0; i < original.length; i++) {
      signal += original[i] ** 2;
      noise += (original[i] - played[i]) ** 2;
    }
    expect(10 * Math.log10(signal / noise)).toBeGreaterThan(10);
  });

  it('is null for a pack without audio and refuses a missing item', async () => {
    const s = new EngineService();
    await s.loadPack('p', packBytes());
    expect(await s.itemAudio('p', 0)).toBeNull();
    const error = await s.itemAudio('p', 10_000).then(
      () => null,
      (e) => toEngineErrorInfo(e),
    );
    expect(error?.kind).toBe('not-found');
  });
});

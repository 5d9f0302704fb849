// Fuzz of the audio path through a real engine worker: 10,000+ generated WAV files and model feature
// declarations (random bytes, mutated and truncated valid files, absurd header fields, extreme specs).
// Every case must end in features or a typed 'format' error within its bound; no case may hang or
// kill the worker, and the process's memory (worker threads included) stays bounded.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeModel } from '../../../src/engine/format';
import { randomModel } from '../../../src/engine/random-model';
import type { EngineClient } from '../../../src/workers/api';
import { createEngineClient } from '../../../src/workers/client';
import { wav } from '../features/wav-craft';
import { nodeWorkerFactory } from './node-workers';

const DIGITS = new URL('../../../public/models/digits-dense.dlm', import.meta.url);
/** One case may take this long at most (the limits bound the work to well under it). */
const CASE_MS = 3000;

const u16 = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 8, 16, 24, 32, 64, 0xfffe, 0xffff),
  fc.integer({ min: 0, max: 0xffff }),
);
const u32 = fc.oneof(
  fc.constantFrom(0, 1, 2, 10, 8000, 44_100, 2 ** 31, 2 ** 32 - 1),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
);

const riff = [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45];

/** Hostile or damaged audio files. */
const badWav = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((t) => new Uint8Array([...riff, ...t])),
  fc
    .tuple(
      fc.array(fc.record({ at: fc.integer({ min: 0, max: 43 }), value: fc.integer({ min: 0, max: 255 }) }), {
        maxLength: 6,
      }),
      fc.integer({ min: 0, max: 444 }),
    )
    .map(([mutations, cut]) => {
      const bytes = wav({ dataBytes: 400 }).slice(0, cut);
      for (const m of mutations) if (m.at < bytes.length) bytes[m.at] = m.value;
      return bytes;
    }),
  fc
    .record(
      { format: u16, channels: u16, rate: u32, bits: u16, blockAlign: u16, declaredData: u32 },
      { requiredKeys: [] },
    )
    .map((f) => wav(f)),
);

/** Well-formed files of any supported shape: these must give features. */
const goodWav = fc
  .record({
    fmt: fc.constantFrom([1, 8], [1, 16], [1, 24], [1, 32], [3, 32], [3, 64]),
    channels: fc.integer({ min: 1, max: 4 }),
    rate: fc.constantFrom(2000, 4000, 8000, 11_025, 16_000, 44_100, 48_000, 96_000, 384_000),
    frames: fc.integer({ min: 1, max: 1500 }),
  })
  .map(({ fmt: [format, bits], channels, rate, frames }) =>
    wav({ format, bits, channels, rate, dataBytes: (frames * channels * bits) / 8 }),
  );

interface Stats {
  cases: number;
  features: number;
  format: number;
  slowestMs: number;
}

async function runCase(
  client: EngineClient,
  modelId: string,
  bytes: Uint8Array,
  s: Stats,
  mustWork: boolean,
) {
  const t0 = performance.now();
  try {
    const r = await client.wavFeatures(modelId, bytes.slice().buffer);
    expect(r.frames.length).toBe(r.length * r.inputSize);
    s.features++;
  } catch (e) {
    if (mustWork) throw e;
    expect((e as { kind?: string }).kind).toBe('format');
    s.format++;
  }
  s.cases++;
  s.slowestMs = Math.max(s.slowestMs, performance.now() - t0);
}

let client: EngineClient;
let peakRss = 0;
let sampler: ReturnType<typeof setInterval>;
const baseRss = process.memoryUsage().rss;

beforeAll(async () => {
  client = createEngineClient({ workers: 1, createWorker: nodeWorkerFactory().create });
  await client.loadModel({ id: 'digits', bytes: bytesOf(DIGITS) });
  sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
});

afterAll(() => {
  clearInterval(sampler);
  client?.dispose();
});

describe('the audio path through a worker, fuzzed', () => {
  it('ends every WAV case in features or a format error, and the worker survives them all', async () => {
    const s: Stats = { cases: 0, features: 0, format: 0, slowestMs: 0 };
    for (const bytes of fc.sample(badWav, { seed: 101, numRuns: 6000 }))
      await runCase(client, 'digits', bytes, s, false);
    for (const bytes of fc.sample(goodWav, { seed: 102, numRuns: 2000 }))
      await runCase(client, 'digits', bytes, s, true);
    console.info(`WAV fuzz through the worker: ${JSON.stringify(s)}`);
    expect(s.cases).toBe(8000);
    expect(s.features).toBeGreaterThanOrEqual(2000);
    expect(s.slowestMs).toBeLessThan(CASE_MS);
    // The slot and its warm spare, neither ever replaced.
    expect(client.stats()).toMatchObject({ spawned: 2, errors: 0, hangs: 0, timeouts: 0 });
  }, 300_000);

  it('ends every feature-spec case in features or a format error', async () => {
    const base = specOfDigits();
    const extreme = fc.record(
      {
        sampleRate: fc.constantFrom(0, 1, 1000, 4000, 8000, 48_000, 192_000, 2 ** 31),
        windowLength: fc.constantFrom(1, 16, 200, 8192, 65_536),
        hop: fc.constantFrom(0, 1, 4, 80, 8192, 65_536),
        fftSize: fc.constantFrom(16, 256, 8192, 65_536, 1 << 20),
        bands: fc.constantFrom(0, 1, 20, 512),
        fmin: fc.constantFrom(-1, 0, 50),
        fmax: fc.constantFrom(0, 4000, 96_000),
        smoothing: fc.constantFrom(-1, 0, 0.5, 1),
      },
      { requiredKeys: [] },
    );
    const s: Stats = { cases: 0, features: 0, format: 0, slowestMs: 0 };
    const audio = wav({ rate: 8000, dataBytes: 16_000 });
    const cases = fc.sample(extreme, { seed: 103, numRuns: 2000 });
    for (const [k, patch] of cases.entries()) {
      const features = { ...base, ...patch };
      const bands = typeof features.bands === 'number' && features.bands > 0 ? features.bands : 20;
      const model = {
        ...randomModel({ inputSize: bands, hiddenSizes: [4], outputs: 10, seed: k }),
        features,
      };
      await client.loadModel({ id: 'spec', bytes: encodeModel(model).slice().buffer });
      await runCase(client, 'spec', audio, s, false);
    }
    console.info(`feature-spec fuzz through the worker: ${JSON.stringify(s)}`);
    expect(s.cases).toBe(2000);
    expect(s.features).toBeGreaterThan(0);
    expect(s.format).toBeGreaterThan(0);
    expect(s.slowestMs).toBeLessThan(CASE_MS);
    // The slot and its warm spare, neither ever replaced.
    expect(client.stats()).toMatchObject({ spawned: 2, errors: 0, hangs: 0, timeouts: 0 });
  }, 300_000);

  it('kept the memory of the process and its worker bounded', () => {
    const growthMb = (peakRss - baseRss) / 2 ** 20;
    console.info(`peak RSS growth during the fuzz: ${growthMb.toFixed(0)} MiB`);
    expect(growthMb).toBeLessThan(512);
  });
});

function bytesOf(url: URL): ArrayBuffer {
  const b = readFileSync(url);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
}

function specOfDigits(): Record<string, unknown> {
  return {
    kind: 'logmel',
    sampleRate: 8000,
    windowLength: 200,
    hop: 80,
    fftSize: 256,
    bands: 20,
    fmin: 50,
    fmax: 4000,
    logFloor: 1e-4,
    mean: Array(20).fill(-3),
    std: Array(20).fill(1.5),
    scale: 1,
    smoothing: 0,
    activation: { intBits: 3, fracBits: 4 },
  };
}

// The browser's feature path (WAV bytes -> worker -> log-mel codes) computes exactly what the Node
// training pipeline computes from the same file: the same decoder, resampler, FFT and quantizer.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaveFile } from 'wavefile';
import { wavToMono } from '../../src/data/wav';
import { type LogMelSpec, logMelCodes } from '../../src/engine/features/logmel';
import { encodeModel } from '../../src/engine/format';
import { randomModel } from '../../src/engine/random-model';
import { consoleErrors, type Lab, openWorkersHarness, type Page, startLab } from './harness';

const BANDS = 20;
const spec: LogMelSpec = {
  kind: 'logmel',
  sampleRate: 8000,
  windowLength: 200,
  hop: 80,
  fftSize: 256,
  bands: BANDS,
  fmin: 60,
  fmax: 4000,
  logFloor: 1e-6,
  mean: Array.from({ length: BANDS }, (_, b) => -4 + b * 0.1),
  std: Array.from({ length: BANDS }, (_, b) => 2 + b * 0.05),
  scale: 1.5,
  smoothing: 0.3,
  activation: { intBits: 3, fracBits: 4 },
};

function modelBytes(): Uint8Array {
  const model = randomModel({ inputSize: BANDS, hiddenSizes: [16], outputs: 3, seed: 7 });
  return encodeModel({ ...model, features: { ...spec } });
}

/** A chirp with a harmonic and a little seeded noise, as a WAV in the given layout. */
function synthWav(rate: number, channels: number, bitDepth: '8' | '16' | '24' | '32' | '32f'): Uint8Array {
  const n = Math.round(rate * 0.6);
  let seed = 12345;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.02;
  const full = bitDepth === '32f' ? 1 : bitDepth === '8' ? 127 : 2 ** (Number(bitDepth) - 1) - 1;
  const chans = Array.from({ length: channels }, (_, c) =>
    Array.from({ length: n }, (_, i) => {
      const t = i / rate;
      const f = 200 + 2500 * t;
      const v = 0.4 * Math.sin(2 * Math.PI * f * t) + 0.2 * Math.sin(4 * Math.PI * f * t + c) + noise();
      const q = Math.round(v * full);
      return bitDepth === '32f' ? v : bitDepth === '8' ? q + 128 : q;
    }),
  );
  const wav = new WaveFile();
  wav.fromScratch(channels, rate, bitDepth, channels === 1 ? chans[0] : chans);
  return wav.toBuffer();
}

function fsddSample(): Uint8Array | undefined {
  const dir = new URL('../../../shared/data/fsdd/recordings/', import.meta.url);
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((f) => f.endsWith('.wav'));
  return name ? readFileSync(new URL(name, dir)) : undefined;
}

let lab: Lab;
let page: Page;

beforeAll(async () => {
  lab = await startLab();
  page = await openWorkersHarness(lab);
});

afterAll(async () => {
  await lab?.close();
});

describe('log-mel features in the browser', () => {
  const inputs: [string, Uint8Array | undefined][] = [
    ['44.1 kHz stereo 16-bit', synthWav(44_100, 2, '16')],
    ['8 kHz mono float', synthWav(8000, 1, '32f')],
    ['22.05 kHz mono 24-bit', synthWav(22_050, 1, '24')],
    ['11.025 kHz mono 8-bit', synthWav(11_025, 1, '8')],
    ['an FSDD recording', fsddSample()],
  ];

  it.each(inputs)('equal Node for %s', async (_name, wav) => {
    if (!wav) return;
    const expected = logMelCodes(wavToMono(wav, spec.sampleRate), spec);
    expect(expected.length).toBeGreaterThan(10);
    const got = await page.evaluate(
      async ({ model, wav }) => {
        const client = window.deltalabHarness.createEngineClient({ workers: 1 });
        try {
          await client.loadModel({ id: 'm', bytes: new Uint8Array(model).buffer });
          const r = await client.wavFeatures('m', new Uint8Array(wav).buffer);
          return { frames: Array.from(r.frames), length: r.length, inputSize: r.inputSize };
        } finally {
          client.dispose();
        }
      },
      { model: Array.from(modelBytes()), wav: Array.from(wav) },
    );
    expect(got.inputSize).toBe(BANDS);
    expect(got.length).toBe(expected.length);
    expect(got.frames).toEqual(Array.from(expected.frames));
  });

  it('reports a file that is not a WAV as a format error', async () => {
    const kind = await page.evaluate(async (model) => {
      const client = window.deltalabHarness.createEngineClient({ workers: 1 });
      try {
        await client.loadModel({ id: 'm', bytes: new Uint8Array(model).buffer });
        await client.wavFeatures('m', new TextEncoder().encode('not a wav file at all').buffer);
        return 'no error';
      } catch (e) {
        return (e as { kind?: string }).kind;
      } finally {
        client.dispose();
      }
    }, Array.from(modelBytes()));
    expect(kind).toBe('format');
    expect(consoleErrors(lab.messages)).toEqual([]);
  });

  it('refuses hostile WAV headers at once as format errors, and the worker stays usable', async () => {
    const header = (rate: number) => {
      const bytes = synthWav(8000, 1, '16');
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(24, rate, true);
      return Array.from(bytes);
    };
    const got = await page.evaluate(
      async ({ model, bad, good }) => {
        const client = window.deltalabHarness.createEngineClient({ workers: 1 });
        const out: { kind?: string; message?: string; ms: number }[] = [];
        try {
          await client.loadModel({ id: 'm', bytes: new Uint8Array(model).buffer });
          for (const wav of bad) {
            const t0 = performance.now();
            try {
              await client.wavFeatures('m', new Uint8Array(wav).buffer);
              out.push({ ms: performance.now() - t0 });
            } catch (e) {
              const { kind, message } = e as { kind?: string; message?: string };
              out.push({ kind, message, ms: performance.now() - t0 });
            }
          }
          const ok = await client.wavFeatures('m', new Uint8Array(good).buffer);
          return { out, okLength: ok.length, stats: client.stats() };
        } finally {
          client.dispose();
        }
      },
      {
        model: Array.from(modelBytes()),
        bad: [header(1), header(1), header(1), header(2), header(10), header(0), header(2 ** 31)],
        good: Array.from(synthWav(8000, 1, '16')),
      },
    );
    for (const r of got.out) {
      expect(r.kind).toBe('format');
      expect(r.message).toContain('sample rate');
      expect(r.ms).toBeLessThan(1000);
    }
    expect(got.okLength).toBeGreaterThan(10);
    // The slot and its warm spare, neither replaced.
    expect(got.stats).toMatchObject({ spawned: 2, timeouts: 0, hangs: 0, errors: 0 });
  });
});

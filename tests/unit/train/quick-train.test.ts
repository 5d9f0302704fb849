import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as wavefileModule from 'wavefile';
import { adpcmBytes, decodeImaAdpcm } from '../../../src/engine/audio/ima-adpcm';
import { decodeModel, decodePack, parseCurve, parseManifest } from '../../../src/engine/format/index';
import { CURVE_THETAS } from '../../../tools/train/engine-eval';
import type { JobProgress } from '../../../tools/train/jobs';
import { METHODS, QUICK } from '../../../tools/train/methods';
import { trainDigits } from '../../../tools/train/pipeline';
import { repackTestPack } from '../../../tools/train/test-pack';

type WaveFileClass = typeof wavefileModule.WaveFile;
const interop = wavefileModule as unknown as {
  WaveFile?: WaveFileClass;
  default?: { WaveFile?: WaveFileClass };
};
const WaveFile = (interop.WaveFile ?? interop.default?.WaveFile) as WaveFileClass;

const REAL = resolve(__dirname, '../../../../shared/data/fsdd');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'deltalab-quick-'));
  dirs.push(d);
  return d;
}

/** A fake FSDD: digit d is a two-tone chord that depends on d, per speaker a small pitch shift. */
function syntheticFsdd(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'recordings'));
  const speakers = ['jackson', 'theo', 'nicolas'];
  for (const [k, speaker] of speakers.entries()) {
    for (let d = 0; d < 10; d++) {
      for (const take of [0, 5, 10]) {
        const n = 1600 + 80 * ((d + take) % 4);
        const f1 = 300 + 150 * d + 20 * k;
        const samples = Array.from({ length: n }, (_, i) => {
          const t = i / 8000;
          return Math.round(
            8000 * (Math.sin(2 * Math.PI * f1 * t) + 0.5 * Math.sin(2 * Math.PI * (3000 - 200 * d) * t)),
          );
        });
        const w = new WaveFile();
        w.fromScratch(1, 8000, '16', samples);
        writeFileSync(join(dir, 'recordings', `${d}_${speaker}_${take}.wav`), w.toBuffer());
      }
    }
  }
  return dir;
}

const silent: JobProgress = { onStart() {}, onEpoch() {}, onBatch() {}, onDone() {} };

async function quickRun(data: string) {
  const out = tempDir();
  const epochs: string[] = [];
  await trainDigits({
    data,
    out,
    methods: [...METHODS],
    hyper: QUICK,
    parallel: 0,
    progress: { ...silent, onEpoch: (job) => epochs.push(job.id) },
    log: () => {},
  });
  return { out, epochs };
}

function checkOutputs(out: string, testItems: number) {
  const manifest = parseManifest(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
  expect(manifest.models.map((m) => m.method).sort()).toEqual([...METHODS].sort());
  const pack = decodePack(new Uint8Array(readFileSync(join(out, 'digits-test.dlp'))));
  expect(pack.items).toHaveLength(testItems);
  expect(pack.items.every((i) => i.take === 0 && typeof i.speaker === 'string')).toBe(true);
  expect(pack.features.kind).toBe('logmel');
  // Every test recording travels with its frames, as long as the frames say.
  expect(pack.audio).toMatchObject({ encoding: 'ima-adpcm', sampleRate: 8000, samplesPerFrame: 80 });
  for (const it of pack.items) {
    const a = it.audio!;
    expect(a.samples).toBeGreaterThanOrEqual((it.length - 1) * 80);
    expect(a.samples).toBeLessThan((it.length + 3) * 80);
    const y = decodeImaAdpcm(
      pack.audio!.data.subarray(a.offset, a.offset + adpcmBytes(a.samples)),
      a.samples,
    );
    // Not silence: FSDD's quietest take-0 recordings (theo) peak near 0.02.
    expect(Math.max(...y.map(Math.abs))).toBeGreaterThan(0.005);
  }
  for (const entry of manifest.models) {
    const model = decodeModel(new Uint8Array(readFileSync(join(out, entry.file))));
    expect(model.layers[0].inputSize).toBe(QUICK.bands);
    expect(model.layers[0].hiddenSize).toBe(QUICK.hidden);
    expect(model.features).toEqual(pack.features);
    const curve = parseCurve(JSON.parse(readFileSync(join(out, entry.curve!), 'utf8')));
    expect(curve.map((p) => p.thetaH)).toEqual(CURVE_THETAS);
    expect(curve.map((p) => p.thetaX)).toEqual(CURVE_THETAS.map((t) => QUICK.inputThetaRatio * t));
    const report = JSON.parse(readFileSync(join(out, entry.report!), 'utf8'));
    expect(report.method).toBe(entry.method);
    expect(report.training.epochs.length).toBeGreaterThan(0);
    // Leave-one-speaker-out (QUICK: one fold, every method) and the measurement copies of the test split.
    expect(report.loso.folds.map((f: { speaker: string }) => f.speaker)).toEqual(['jackson']);
    expect(report.loso.folds[0].test.items).toBeGreaterThan(0);
    expect(report.channels.map((c: { id: string }) => c.id)).toEqual(['clean', 'band-limited', 'quieter']);
    for (const c of report.channels) expect(c.items).toBe(testItems);
    const rm = model.features.runningMean as { initial: number[]; anchor?: string };
    expect(rm.initial).toHaveLength(QUICK.bands);
    expect(rm.anchor).toBe(QUICK.runningMeanAnchor);
    // The operating point had to hold on the validation takes' channel copies too.
    expect(report.operatingPoint.valCopies.map((c: { id: string }) => c.id)).toEqual([
      'band-limited',
      'quieter',
    ]);
    // Chosen on the validation takes and the cross-validation fold pooled (QUICK: takes 5 and 10).
    expect(report.operatingPoint.folds.map((f: { id: string }) => f.id)).toEqual([
      'takes 5-5',
      'takes 10-10',
    ]);
    expect(report.operatingPoint.selectedOn).toMatch(/2 cross-validation folds pooled/);
  }
  return manifest;
}

describe('train:digits --quick', () => {
  it('trains, exports and scores all five methods on a synthetic data set', async () => {
    const { out, epochs } = await quickRun(syntheticFsdd());
    checkOutputs(out, 30);
    // Five methods on the official split, the held-out-speaker fold and the cross-validation fold.
    expect(new Set(epochs).size).toBe(15);
  });

  it('--pack-only rewrites the test pack with its audio, frames byte for byte, and refuses other audio', async () => {
    const data = syntheticFsdd();
    const { out } = await quickRun(data);
    const file = join(out, 'digits-test.dlp');
    const before = decodePack(new Uint8Array(readFileSync(file)));
    const lines: string[] = [];
    repackTestPack(data, file, (l) => lines.push(l));
    const after = decodePack(new Uint8Array(readFileSync(file)));
    expect(Buffer.from(after.frames).equals(Buffer.from(before.frames))).toBe(true);
    expect(after.items).toEqual(before.items);
    expect(after.audio).toEqual(before.audio);
    expect(lines[0]).toMatch(/frames identical/);
    // A recording that is not the one the frames came from is refused.
    const w = new WaveFile();
    w.fromScratch(1, 8000, '16', new Array(1600).fill(0));
    writeFileSync(join(data, 'recordings', `${before.items[0].id}.wav`), w.toBuffer());
    expect(() => repackTestPack(data, file, () => {})).toThrow(/codes differ/);
  });

  it.skipIf(!existsSync(REAL))('runs on a handful of real FSDD recordings', async () => {
    const { out } = await quickRun(REAL);
    checkOutputs(out, 60);
  });
});

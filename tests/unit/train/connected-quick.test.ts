// npm run train:connected --quick end to end on a synthetic FSDD: every shipped file is written,
// decodes, and says what the lab needs (CTC task, label sequences, error-rate curves, reports).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as wavefileModule from 'wavefile';
import { decodeModel, decodePack, parseCurve, parseManifest } from '../../../src/engine/format/index';
import { QUICK } from '../../../tools/train/ctc/hyper';
import type { CtcProgress } from '../../../tools/train/ctc/jobs-ctc';
import { trainConnected } from '../../../tools/train/ctc/pipeline-ctc';
import { connectedMarkdown } from '../../../tools/train/ctc/results-ctc';
import { CURVE_THETAS } from '../../../tools/train/engine-eval';

type WaveFileClass = typeof wavefileModule.WaveFile;
const interop = wavefileModule as unknown as {
  WaveFile?: WaveFileClass;
  default?: { WaveFile?: WaveFileClass };
};
const WaveFile = (interop.WaveFile ?? interop.default?.WaveFile) as WaveFileClass;

const dir = mkdtempSync(join(tmpdir(), 'deltalab-connected-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Digit d of speaker k: a chord that depends on both; takes 0, 5 and 10 (one per split). */
function syntheticFsdd(): string {
  const data = join(dir, 'fsdd');
  mkdirSync(join(data, 'recordings'), { recursive: true });
  for (const [k, speaker] of ['jackson', 'theo', 'nicolas'].entries())
    for (let d = 0; d < 10; d++)
      for (const take of [0, 5, 10]) {
        const f = 300 + 150 * d + 20 * k;
        const samples = Array.from({ length: 1200 + 40 * d }, (_, i) =>
          Math.round(8000 * Math.sin((2 * Math.PI * f * i) / 8000)),
        );
        const w = new WaveFile();
        w.fromScratch(1, 8000, '16', samples);
        writeFileSync(join(data, 'recordings', `${d}_${speaker}_${take}.wav`), w.toBuffer());
      }
  return data;
}

const silent: CtcProgress = { onStart() {}, onEpoch() {}, onBatch() {}, onDone() {} };

describe('train:connected --quick', () => {
  it('writes both models, both curves, reports, packs and manifest entries', async () => {
    const out = join(dir, 'models');
    await trainConnected({
      data: syntheticFsdd(),
      out,
      hyper: { ...QUICK, takes: { train: [10, 10], val: [5, 5], test: [0, 0] } },
      parallel: 0,
      progress: silent,
      log: () => {},
    });
    const manifest = parseManifest(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    const models = manifest.models.filter((m) => m.task === 'connected');
    expect(models.map((m) => [m.id, m.method])).toEqual([
      ['connected-delta', 'delta-l1'],
      ['connected-dense', 'dense'],
    ]);
    expect(manifest.packs.filter((p) => p.task === 'connected').map((p) => p.id)).toEqual([
      'connected-long',
      'connected-test',
    ]);
    for (const m of models) {
      const model = decodeModel(readFileSync(join(out, m.file)));
      expect(model.layers.length).toBe(2);
      expect(model.outputAt).toBe('every');
      expect(model.task).toMatchObject({ kind: 'classification', ctc: { blank: 10 } });
      const curve = parseCurve(JSON.parse(readFileSync(join(out, m.curve!), 'utf8')));
      expect(curve.map((p) => p.thetaH)).toEqual(CURVE_THETAS);
      for (const p of curve) {
        expect(p.errorRate).toBeGreaterThanOrEqual(0);
        expect(p.accuracy).toBeUndefined();
      }
      const report = JSON.parse(readFileSync(join(out, m.report!), 'utf8'));
      expect(report.test.theta0.layerOccupancy).toHaveLength(2);
      expect(report.speakerCheck.heldOutSpeaker).toBe('jackson');
      expect(report.training.epochs.length).toBeGreaterThan(0);
    }
    // The RESULTS.md section is built from those reports: the dense row carries the dense report's
    // test error rate, the fine-tuned rows the delta report's.
    const [delta, dense] = models.map((m) => JSON.parse(readFileSync(join(out, m.report!), 'utf8')));
    const md = connectedMarkdown(dense, delta);
    const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
    expect(md).toContain(`| Dense | 0 / 0 | ${pct(dense.test.theta0.errorRate)} | +0.0 |`);
    expect(md).toContain(`| Fine-tuned delta network | 0 / 0 | ${pct(delta.test.theta0.errorRate)} |`);
    for (const t of CURVE_THETAS) expect(md).toContain(`\n| ${t} | `);
    const pack = decodePack(readFileSync(join(out, 'connected-test.dlp')));
    expect(pack.items.length).toBe(QUICK.sizes.test);
    for (const it of pack.items) {
      expect(it.label).toBe(-1);
      expect(it.labels!.length).toBeGreaterThanOrEqual(2);
    }
    const long = decodePack(readFileSync(join(out, 'connected-long.dlp')));
    expect(long.items[0].labels!.length).toBeGreaterThanOrEqual(2 * QUICK.sizes.longStrings);
  }, 120_000);
});

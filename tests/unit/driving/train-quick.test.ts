// `npm run train:driving -- --quick` end to end: every stage runs, and what it writes is what the
// lab's own engine reproduces (models, the test pack and curves decode; the pack's clips re-render
// bit for bit from their seeds; the report's figures are the engine's).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipDigest, renderClip, seedSplit } from '../../../src/data/driving';
import { decodeModel, decodePack, parseCurve, parseManifest } from '../../../src/engine/format/index';
import { drivingPoint } from '../../../tools/train/driving/eval';
import { QUICK } from '../../../tools/train/driving/methods';
import { trainDriving } from '../../../tools/train/driving/pipeline';

let dir: string;
let summary: Awaited<ReturnType<typeof trainDriving>>;
const quiet = { stage() {}, tick() {}, log() {} };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deltalab-driving-'));
  summary = await trainDriving({ out: dir, methods: ['dense', 'delta-l1'], hyper: QUICK, progress: quiet });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (f: string) => new Uint8Array(readFileSync(join(dir, f)));

describe('driving training, quick mode', () => {
  it('writes the models, the pack and manifest entries for the driving task', () => {
    const m = parseManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(m.models.map((e) => e.id)).toEqual(['driving-delta-l1', 'driving-dense']);
    expect(m.packs.map((e) => e.id)).toEqual(['driving-test']);
    for (const e of m.models) {
      expect(e.task).toBe('driving');
      const model = decodeModel(read(e.file));
      expect(model.task.kind).toBe('regression');
      expect(model.outputAt).toBe('every');
      expect(model.fixedPoint.activation).toEqual({ intBits: 2, fracBits: 5 });
      expect(model.cnn).toBeDefined();
      expect(model.provenance.attribution).toMatch(/SIMULATED/);
      const curve = parseCurve(JSON.parse(readFileSync(join(dir, e.curve!), 'utf8')));
      for (const p of curve) expect(p.rmse).toBeGreaterThan(0);
    }
  });

  it('the test pack holds test-seed clips that re-render bit for bit from their seeds', () => {
    const pack = decodePack(read('driving-test.dlp'));
    const clips = (pack.features as { clips: { seed: number; frames: number; digest: string }[] }).clips;
    expect(clips).toHaveLength(QUICK.testClips.count);
    for (const [k, c] of clips.entries()) {
      expect(seedSplit(c.seed)).toBe('test');
      const clip = renderClip({ seed: c.seed, frames: c.frames });
      expect(clipDigest(clip)).toBe(c.digest);
      const item = pack.items[k];
      expect(Array.from(pack.targets!.subarray(item.offset, item.offset + item.length))).toEqual(
        Array.from(clip.steering),
      );
    }
  });

  it('the report’s test figures are the engine’s on the shipped files', () => {
    const pack = decodePack(read('driving-test.dlp'));
    const model = decodeModel(read('driving-delta-l1.dlm'));
    const report = JSON.parse(readFileSync(join(dir, 'driving-delta-l1.report.json'), 'utf8'));
    const op = report.operatingPoint;
    const again = drivingPoint(model, pack, { thetaX: op.thetaX, thetaH: op.thetaH }, 'fixed');
    expect(again.rmse).toBe(op.test.rmse);
    expect(again.speedup).toBe(op.test.speedup);
    expect(summary.results['delta-l1']).toMatchObject({
      testRmse: op.test.rmse,
      testSpeedup: op.test.speedup,
    });
    expect(summary.simulated).toBe(true);
  });
});

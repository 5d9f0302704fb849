// deltalab eval and sweep on a connected-digits (CTC) model: the digit error rate (with its edits and
// reference length) in place of accuracy, equal to the engine's evaluation; the sweep's points and
// its SVG carry it too.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { evaluatePack, uniformThresholds } from '../../../src/engine/evaluate';
import { encodeModel, encodePack } from '../../../src/engine/format';
import { randomModel } from '../../../src/engine/random-model';
import type { Model, SamplePack } from '../../../src/engine/types';
import { cli, tempDir } from './run-cli';

const CLASSES = [...'0123456789'.split(''), 'blank'];

function fixture(): { model: Model; pack: SamplePack; dir: string } {
  const m = randomModel({ inputSize: 6, hiddenSizes: [10, 8], outputs: 11, seed: 21, gain: 2 });
  const task = { kind: 'classification' as const, classNames: CLASSES, ctc: { blank: 10 } };
  const model: Model = { ...m, task, outputAt: 'every' };
  let s = 5;
  const frames = Int8Array.from({ length: 6 * 120 }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return ((s >> 16) % 60) - 30;
  });
  const items = [0, 1, 2, 3].map((k) => ({
    id: `s${k}`,
    offset: k * 30,
    length: 30,
    label: -1,
    labels: [k, (k + 3) % 10, 7],
  }));
  const pack: SamplePack = {
    name: 'strings',
    task,
    activation: model.fixedPoint.activation,
    inputSize: 6,
    features: {},
    items,
    frames,
    provenance: model.provenance,
  };
  const dir = tempDir();
  writeFileSync(join(dir, 'm.dlm'), encodeModel(model));
  writeFileSync(join(dir, 'p.dlp'), encodePack(pack));
  return { model, pack, dir };
}

describe('deltalab on a connected-digits model', () => {
  it('eval prints the digit error rate the engine computes', () => {
    const { model, pack, dir } = fixture();
    const r = cli('eval', join(dir, 'm.dlm'), join(dir, 'p.dlp'), '--theta', '2', '--format', 'json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    const want = evaluatePack(compileModel(model, 'fixed'), pack, uniformThresholds(2, 2, 2));
    expect(want.errorRate).toBeGreaterThan(0);
    expect(o.errorRate).toBe(want.errorRate);
    expect(o.edits).toBe(want.edits);
    expect(o.referenceLength).toBe(12);
    expect(o).not.toHaveProperty('accuracy');
    expect(o.occupancyPerLayer).toHaveLength(2);
    expect(o.speedupPerLayer).toEqual(want.figures.layerSpeedup);
    const table = cli('eval', join(dir, 'm.dlm'), join(dir, 'p.dlp'), '--theta', '2');
    expect(table.out).toMatch(/errorRate\s+\d/);
  });

  it('sweep writes points with the error rate and a chart labelled with it', () => {
    const { model, pack, dir } = fixture();
    const out = join(dir, 'sw');
    const r = cli(
      'sweep',
      join(dir, 'm.dlm'),
      join(dir, 'p.dlp'),
      '--thetas',
      '0,4',
      '--out',
      out,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    const want = evaluatePack(compileModel(model, 'fixed'), pack, uniformThresholds(2, 4, 4));
    expect(o.points.map((p: { errorRate: number }) => p.errorRate)[1]).toBe(want.errorRate);
    expect(readFileSync(`${out}.svg`, 'utf8')).toContain('digit error rate');
    expect(readFileSync(`${out}.csv`, 'utf8').split('\n')[0]).toContain('errorRate');
  });
});

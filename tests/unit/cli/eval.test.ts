// deltalab eval on the shipped models: every output format, the engine's own figures, every kind
// of data (pack, ONNX model, NumPy, CSV, WAV folder).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cnnCostPerFrame } from '../../../src/engine/cnn';
import { compileModel } from '../../../src/engine/compile';
import { writeNpy } from '../../../src/engine/dataset';
import { evaluatePack, uniformThresholds } from '../../../src/engine/evaluate';
import { decodeModel, decodePack, encodeModel, parseCurve } from '../../../src/engine/format';
import { randomModel } from '../../../src/engine/random-model';
import { wholeNetworkCost } from '../../../src/engine/vision';
import { cli, cliOn, DIGITS, DIGITS_PACK, fakeStream, MODELS, TINY, TINY_PACK, tempDir } from './run-cli';

const json = (s: string) => JSON.parse(s) as Record<string, unknown>;

describe('deltalab eval', () => {
  it('prints the engine figures as JSON, equal to the shipped curve at the same thresholds', () => {
    const r = cli('eval', DIGITS, DIGITS_PACK, '--theta', '4', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const o = json(r.out);
    for (const k of [
      'n',
      'accuracy',
      'speedup',
      'macReduction',
      'memoryReduction',
      'occupancy',
      'thetaX',
      'thetaH',
    ])
      expect(o).toHaveProperty(k);
    const shipped = parseCurve(JSON.parse(readFileSync(`${MODELS}/digits-delta-l1.curve.json`, 'utf8'))).find(
      (p) => p.thetaX === 4 && p.thetaH === 4,
    )!;
    expect(o.n).toBe(300);
    expect(o.thetaX).toBe(4);
    expect(o.accuracy).toBe(shipped.accuracy);
    expect(o.speedup).toBe(shipped.speedup);
    expect(o.macReduction).toBe(shipped.macReduction);
    expect(o.memoryReduction).toBe(shipped.memReduction);
    expect(o.occupancy).toBe(shipped.occupancy);
  });

  it('reports a CNN front end beside the GRU and the whole network (driving)', () => {
    const file = `${MODELS}/driving-delta.dlm`;
    const r = cli('eval', file, `${MODELS}/driving-test.dlp`, '--theta', '2', '--format', 'json');
    expect(r.code).toBe(0);
    const o = json(r.out);
    const model = decodeModel(new Uint8Array(readFileSync(file)));
    const pack = decodePack(new Uint8Array(readFileSync(`${MODELS}/driving-test.dlp`)));
    const result = evaluatePack(
      compileModel(model, 'fixed'),
      pack,
      uniformThresholds(model.layers.length, 2, 2),
    );
    const w = wholeNetworkCost(cnnCostPerFrame(model.cnn!), result.costs);
    expect(o).toMatchObject({
      rmse: result.rmse,
      speedup: result.figures.speedup,
      cnnMacsPerFrame: w.cnnMacs,
      gruDeltaCostPerFrame: w.gruDeltaCost,
      wholeSpeedup: w.wholeSpeedup,
      cnnShare: w.cnnShare,
    });
    // The car's speedup is far below the GRU's: the CNN runs on every frame.
    expect(o.wholeSpeedup as number).toBeLessThan(result.figures.speedup);
    expect(json(cli('eval', DIGITS, DIGITS_PACK, '--format', 'json').out)).not.toHaveProperty('wholeSpeedup');
  });

  it('prints a table and a CSV row of the same figures', () => {
    const csv = cli('eval', TINY, TINY_PACK, '--theta-x', '2', '--theta-h', '3', '--format', 'csv');
    expect(csv.code).toBe(0);
    const [head, row] = csv.out.trim().split('\n');
    const rec = Object.fromEntries(head.split(',').map((k, i) => [k, row.split(',')[i]]));
    const model = decodeModel(readFileSync(TINY));
    const want = evaluatePack(
      compileModel(model, 'fixed'),
      decodePack(readFileSync(TINY_PACK)),
      uniformThresholds(1, 2, 3),
    );
    expect(Number(rec.speedup)).toBe(want.figures.speedup);
    expect(Number(rec.accuracy)).toBe(want.accuracy);
    expect([rec.thetaX, rec.thetaH]).toEqual(['2', '3']);
    const table = cli('eval', TINY, TINY_PACK, '--theta-x', '2', '--theta-h', '3');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^GRU 40→64, linear readout →4, output at the last step/);
    expect(table.out).toMatch(/speedup\s+\d/);
  });

  it('defaults to the trained thresholds and runs the float engine with --float', () => {
    const fixed = json(cli('eval', DIGITS, DIGITS_PACK, '--format', 'json').out);
    expect([fixed.thetaX, fixed.mode]).toEqual([6, 'fixed']);
    const float = json(cli('eval', TINY, TINY_PACK, '--float', '--format', 'json').out);
    const want = evaluatePack(
      compileModel(decodeModel(readFileSync(TINY)), 'float'),
      decodePack(readFileSync(TINY_PACK)),
      uniformThresholds(1, 0, 0),
    );
    expect([float.mode, float.speedup]).toEqual(['float', want.figures.speedup]);
  });

  it('evaluates an ONNX model exactly as its .dlm', () => {
    const dir = tempDir();
    expect(cli('convert', DIGITS, join(dir, 'm.onnx')).code).toBe(0);
    const a = json(cli('eval', join(dir, 'm.onnx'), DIGITS_PACK, '--theta', '3', '--format', 'json').out);
    const b = json(cli('eval', DIGITS, DIGITS_PACK, '--theta', '3', '--format', 'json').out);
    expect(a).toEqual(b);
  });

  it('evaluates NumPy and CSV data like the pack they hold', () => {
    const pack = decodePack(readFileSync(TINY_PACK));
    const items = pack.items.slice(0, 5);
    const dir = tempDir();
    // Variable-length sequences as real values (codes / 16 are exact in Q3.4), and their labels.
    const seqs = Object.fromEntries(
      items.map((it, i) => [
        `arr_${i}.npy`,
        writeNpy(
          '<f4',
          [it.length, pack.inputSize],
          Array.from(
            pack.frames.subarray(it.offset * pack.inputSize, (it.offset + it.length) * pack.inputSize),
            (c) => c / 16,
          ),
        ),
      ]),
    );
    writeFileSync(
      join(dir, 'mine.npz'),
      zipSync({
        ...seqs,
        'labels.npy': writeNpy(
          '<i8',
          [items.length],
          items.map((i) => i.label),
        ),
      }),
    );
    const rows = items.flatMap((it) =>
      Array.from({ length: it.length }, (_, t) =>
        [
          it.id,
          it.label,
          ...pack.frames.subarray((it.offset + t) * pack.inputSize, (it.offset + t + 1) * pack.inputSize),
        ].join(','),
      ),
    );
    const header = ['id', 'label', ...Array.from({ length: pack.inputSize }, (_, i) => `f${i}`)].join(',');
    // CSV cells are real values too: codes / 16.
    const csvRows = rows.map((r) =>
      r
        .split(',')
        .map((c, k) => (k < 2 ? c : String(Number(c) / 16)))
        .join(','),
    );
    writeFileSync(join(dir, 'mine.csv'), `${header}\n${csvRows.join('\n')}\n`);
    const want = evaluatePack(
      compileModel(decodeModel(readFileSync(TINY)), 'fixed'),
      { ...pack, items },
      uniformThresholds(1, 1, 1),
    );
    const npz = json(cli('eval', TINY, join(dir, 'mine.npz'), '--theta', '1', '--format', 'json').out);
    expect([npz.n, npz.speedup, npz.accuracy]).toEqual([5, want.figures.speedup, want.accuracy]);
    const csv = json(cli('eval', TINY, join(dir, 'mine.csv'), '--theta', '1', '--format', 'json').out);
    expect([csv.n, csv.speedup, csv.accuracy]).toEqual([5, want.figures.speedup, want.accuracy]);
  });

  it('reports RMSE for a regression model on CSV targets', () => {
    const dir = tempDir();
    const base = randomModel({ inputSize: 2, hiddenSizes: [3], outputs: 1, seed: 4 });
    const model = {
      ...base,
      task: { kind: 'regression' as const, units: 'deg', outputNames: ['angle'] },
      outputAt: 'every' as const,
    };
    writeFileSync(join(dir, 'r.dlm'), encodeModel(model));
    writeFileSync(join(dir, 'r.csv'), 'id,target,a,b\ns,0.5,0.25,1\ns,0.25,0.5,1\nt,-1,0,0\n');
    const r = cli('eval', join(dir, 'r.dlm'), join(dir, 'r.csv'), '--format', 'json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.accuracy).toBeUndefined();
    expect(o.rmse).toBeGreaterThan(0);
    expect(o.n).toBe(2);
  });

  it('featurizes a folder of WAVs named {label}_*.wav', () => {
    const dir = tempDir();
    const rate = 8000;
    for (const [name, hz] of [
      ['3_a_0.wav', 440],
      ['seven_b_1.wav', 1200],
    ] as const) {
      const n = rate / 2;
      const wav = new Uint8Array(44 + 2 * n);
      const v = new DataView(wav.buffer);
      const text = (at: number, s: string) => {
        for (let k = 0; k < s.length; k++) v.setUint8(at + k, s.charCodeAt(k));
      };
      text(0, 'RIFF');
      v.setUint32(4, 36 + 2 * n, true);
      text(8, 'WAVEfmt ');
      v.setUint32(16, 16, true);
      v.setUint16(20, 1, true);
      v.setUint16(22, 1, true);
      v.setUint32(24, rate, true);
      v.setUint32(28, 2 * rate, true);
      v.setUint16(32, 2, true);
      v.setUint16(34, 16, true);
      text(36, 'data');
      v.setUint32(40, 2 * n, true);
      for (let i = 0; i < n; i++)
        v.setInt16(44 + 2 * i, Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate)), true);
      writeFileSync(join(dir, name), wav);
    }
    const r = cli('eval', DIGITS, dir, '--format', 'json');
    expect(r.code).toBe(0);
    expect(json(r.out).n).toBe(2);
    // Featurizing a folder is long work: a bar on a terminal.
    const tty = fakeStream(true);
    expect(cliOn(tty, 'eval', DIGITS, dir).code).toBe(0);
    expect(tty.text()).toMatch(/featurizing \[/);
    writeFileSync(join(dir, 'x_bad.wav'), new Uint8Array(10));
    expect(cli('eval', DIGITS, dir).code).toBe(1);
  });
});

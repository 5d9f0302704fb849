// deltalab sweep, convert and info on the shipped models, every --help, and the exit codes.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel, parseCurve } from '../../../src/engine/format';
import { randomModel } from '../../../src/engine/random-model';
import { torchGraph } from '../onnx/torch-graph';
import { cli, DIGITS, DIGITS_PACK, MODELS, TINY, TINY_PACK, tempDir } from './run-cli';

describe('deltalab sweep', () => {
  it('writes the curve, SVG and CSV, equal to the shipped curve', () => {
    const dir = tempDir();
    const r = cli(
      'sweep',
      DIGITS,
      DIGITS_PACK,
      '--thetas',
      '0,8',
      '--out',
      join(dir, 'c'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.points.map((p: { thetaX: number }) => p.thetaX)).toEqual([0, 8]);
    const curve = parseCurve(JSON.parse(readFileSync(join(dir, 'c.curve.json'), 'utf8')));
    const shipped = parseCurve(JSON.parse(readFileSync(`${MODELS}/digits-delta-l1.curve.json`, 'utf8')));
    expect(curve).toEqual(shipped.filter((p) => p.thetaX === p.thetaH && [0, 8].includes(p.thetaX)));
    expect(readFileSync(join(dir, 'c.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<path d="M[\s\S]*<\/svg>\n$/);
    const csv = readFileSync(join(dir, 'c.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('thetaX,thetaH,accuracy,speedup,macReduction,memoryReduction,occupancy');
    expect(Number(csv[2].split(',')[3])).toBe(curve[1].speedup);
  });

  it('sweeps a grid of pairs and prints a table or CSV', () => {
    const dir = tempDir();
    const t = cli('sweep', TINY, TINY_PACK, '--theta-x', '0:2', '--theta-h', '1,3', '--out', join(dir, 't'));
    expect(t.code).toBe(0);
    expect(t.out.trim().split('\n')).toHaveLength(1 + 6 + 1);
    const c = cli('sweep', TINY, TINY_PACK, '--thetas', '0:4:2', '--out', join(dir, 't'), '--format', 'csv');
    expect(c.out.trim().split('\n')).toHaveLength(4);
  });
});

describe('deltalab convert', () => {
  it('round-trips a shipped model through ONNX byte for byte', () => {
    const dir = tempDir();
    expect(cli('convert', DIGITS, join(dir, 'm.onnx')).code).toBe(0);
    expect(cli('convert', join(dir, 'm.onnx'), join(dir, 'm.dlm')).code).toBe(0);
    expect(readFileSync(join(dir, 'm.dlm'))).toEqual(readFileSync(DIGITS));
  });

  it('round-trips the shipped driving models (CNN front end) byte for byte', () => {
    const dir = tempDir();
    for (const m of ['driving-delta', 'driving-dense']) {
      expect(cli('convert', `${MODELS}/${m}.dlm`, join(dir, `${m}.onnx`)).out).toMatch(
        /CNN 64x32 frames → conv 5x5/,
      );
      expect(cli('convert', join(dir, `${m}.onnx`), join(dir, `${m}.dlm`)).code).toBe(0);
      expect(readFileSync(join(dir, `${m}.dlm`))).toEqual(readFileSync(`${MODELS}/${m}.dlm`));
    }
    const r = JSON.parse(
      cli('eval', `${MODELS}/driving-delta.dlm`, `${MODELS}/driving-test.dlp`, '--format', 'json').out,
    );
    expect(r.rmse).toBeGreaterThan(0);
    expect(r.accuracy).toBeUndefined();
  });

  it('makes a sample pack for a model from NumPy data', () => {
    const dir = tempDir();
    const model = join(dir, 'm.dlm');
    writeFileSync(model, encodeModel(randomModel({ inputSize: 4, hiddenSizes: [5], outputs: 3, seed: 2 })));
    const data = 'tests/fixtures/numpy/xy.npz';
    expect(cli('convert', data, join(dir, 'p.dlp')).code).toBe(2); // which model is it for?
    expect(cli('convert', data, join(dir, 'p.dlp'), '--model', model).code).toBe(0);
    const fromPack = JSON.parse(cli('eval', model, join(dir, 'p.dlp'), '--format', 'json').out);
    expect(fromPack.n).toBe(3);
    expect(JSON.parse(cli('eval', model, data, '--format', 'json').out)).toEqual({ ...fromPack, data: 'xy' });
  });

  it('imports with a chosen or calibrated activation format', () => {
    const dir = tempDir();
    cli('convert', TINY, join(dir, 't.onnx'));
    const info = (extra: string[]) =>
      JSON.parse(cli('info', join(dir, 't.onnx'), '--format', 'json', ...extra).out).activation;
    // DeltaLab's own ONNX files carry their format; --activation overrides it.
    expect(info([])).toBe('Q3.4');
    expect(info(['--activation', 'Q2.5'])).toBe('Q2.5');
    // A foreign file (no DeltaLab metadata), calibrated on data whose values lie in [-2, 2].
    writeFileSync(
      join(dir, 'torch.onnx'),
      torchGraph({ I: 4, H: 3, layers: 1, outputs: 3, readout: 'out', seed: 1 }),
    );
    expect(cli('convert', join(dir, 'torch.onnx'), join(dir, 'torch.dlm'), '--activation', 'auto').code).toBe(
      2,
    );
    const r = cli(
      'convert',
      join(dir, 'torch.onnx'),
      join(dir, 'torch.dlm'),
      '--activation',
      'auto',
      '--calibrate',
      'tests/fixtures/numpy/xy.npz',
    );
    expect(r.code).toBe(0);
    // The choice is told on stderr, with the engine's count of values beyond the calibrated range.
    expect(r.err).toMatch(
      /^activation Q2\.5, calibrated on tests\/fixtures\/numpy\/xy\.npz: \d+ of 60 input values beyond its range\n/,
    );
    expect(JSON.parse(cli('info', join(dir, 'torch.dlm'), '--format', 'json').out).activation).toBe('Q2.5');
    // Codes in a pack cannot be calibrated on: auto keeps the file's own format and says so.
    const onPack = cli('eval', join(dir, 't.onnx'), TINY_PACK, '--activation', 'auto', '--format', 'json');
    expect(onPack.code).toBe(0);
    expect(onPack.err).toBe("activation Q3.4, the file's own\n");
  });
});

describe('deltalab info', () => {
  it('describes models, ONNX files, packs and NumPy files', () => {
    const m = JSON.parse(cli('info', DIGITS, '--format', 'json').out);
    expect(m).toMatchObject({
      kind: 'model',
      activation: 'Q3.4',
      license: 'CC BY-SA 4.0',
      trainedThetaX: 6,
      hiddenSizes: [96],
    });
    expect(cli('info', DIGITS).out).toMatch(/architecture\s+GRU 20→96/);
    const p = JSON.parse(cli('info', DIGITS_PACK, '--format', 'json').out);
    expect(p).toMatchObject({ kind: 'sample pack', sequences: 300, inputSize: 20 });
    expect(JSON.parse(cli('info', 'tests/fixtures/numpy/xy.npz', '--format', 'json').out)).toEqual({
      kind: 'NumPy arrays',
      x: '<f4 (3, 5, 4)',
      y: '<i8 (3)',
    });
  });
});

describe('deltalab help and exit codes', () => {
  for (const cmd of ['eval', 'sweep', 'convert', 'info']) {
    it(`${cmd} --help`, () => {
      const r = cli(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: deltalab ${cmd} `));
      expect(r.out).toMatch(/Exit codes: 0 ok, 1 bad input/);
      expect(cli('help', cmd).out).toBe(r.out);
    });
  }

  const usage: [string, string[]][] = [
    ['no command', []],
    ['an unknown command', ['frobnicate']],
    ['an unknown flag', ['eval', TINY, TINY_PACK, '--wobble']],
    ['a missing argument', ['eval', TINY]],
    ['a bad format', ['eval', TINY, TINY_PACK, '--format', 'xml']],
    ['a bad threshold', ['eval', TINY, TINY_PACK, '--theta', '-1']],
    ['a threshold over 255', ['eval', TINY, TINY_PACK, '--theta', '256']],
    ['half a threshold pair', ['eval', TINY, TINY_PACK, '--theta-x', '2']],
    ['both threshold forms', ['sweep', TINY, TINY_PACK, '--thetas', '1', '--theta-x', '1', '--theta-h', '1']],
    ['a bad activation', ['info', `${MODELS}/x.onnx`, '--activation', 'Q4.4']],
    ['a conversion that is none', ['convert', TINY, 'out.dlm']],
    [
      'calibration on codes',
      ['convert', `${MODELS}/x.onnx`, 'out.dlm', '--activation', 'auto', '--calibrate', TINY_PACK],
    ],
  ];
  for (const [what, argv] of usage) {
    it(`exits 2 on ${what}`, () => {
      const r = cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/deltalab/);
    });
  }

  it('exits 1 on bad input, with a message and no stack trace', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'junk.dlm'), 'not a model');
    writeFileSync(join(dir, 'junk.onnx'), new Uint8Array([0x0b, 0x0b, 0x0b]));
    writeFileSync(join(dir, 'huge.dlp'), '');
    truncateSync(join(dir, 'huge.dlp'), 200 * 1024 * 1024); // sparse: never read, refused on its size
    const cases: [string[], RegExp][] = [
      [['eval', join(dir, 'none.dlm'), TINY_PACK], /cannot read \(ENOENT\)/],
      [['eval', join(dir, 'junk.dlm'), TINY_PACK], /not a DeltaLab model|magic/i],
      [['info', join(dir, 'junk.onnx')], /ONNX/],
      [['eval', TINY, join(dir, 'huge.dlp')], /over the \d+-byte limit/],
      [['eval', TINY, DIGITS_PACK], /20 features, the model takes 40/],
    ];
    for (const [argv, message] of cases) {
      const r = cli(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});

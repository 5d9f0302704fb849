// NumPy and CSV evaluation sets to sample packs: quantized like the engine, validated against the
// model's input size and task, with a clear error for everything that does not fit.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calibrateActivationReport,
  importDataset,
  type PackTarget,
  readRawSet,
  writeNpy,
} from '../../../src/engine/dataset';
import { FormatError } from '../../../src/engine/format';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/numpy/${name}`));
const enc = (s: string) => new TextEncoder().encode(s);
const target: PackTarget = {
  name: 'mine',
  inputSize: 4,
  activation: { intBits: 3, fracBits: 4 },
  task: { kind: 'classification', classNames: ['a', 'b', 'c'] },
};
const expected = Float32Array.from({ length: 60 }, (_, k) => ((k % 17) - 8) / 4);

describe('importDataset', () => {
  it('quantizes a .npz to the activation format with its labels', () => {
    const { pack, saturated } = importDataset({ data: fixture('xy.npz') }, target);
    expect(pack.items.map((i) => [i.offset, i.length, i.label])).toEqual([
      [0, 5, 2],
      [5, 5, 0],
      [10, 5, 1],
    ]);
    expect(Array.from(pack.frames)).toEqual(Array.from(expected, (v) => Math.round(v * 16)));
    expect(saturated).toBe(0);
  });

  it('takes a .npy of features with a .npy of labels, and int8 as codes', () => {
    const a = importDataset({ data: fixture('x-v2-f4.npy'), labels: fixture('y-i8.npy') }, target).pack;
    const b = importDataset({ data: fixture('x-i1.npy'), labels: fixture('y-i8.npy') }, target).pack;
    expect(a.items.map((i) => i.label)).toEqual([2, 0, 1]);
    expect(Array.from(b.frames)).toEqual(Array.from(expected, (v) => Math.trunc(v * 16)));
  });

  it('reads a list of variable-length sequences', () => {
    const { pack } = importDataset({ data: fixture('list.npz') }, target);
    expect(pack.items.map((i) => i.length)).toEqual([2, 3, 4]);
  });

  it('refuses data that does not fit the model', () => {
    expect(() => importDataset({ data: fixture('xy.npz') }, { ...target, inputSize: 5 })).toThrow(
      /4 features per frame, the model takes 5/,
    );
    expect(() => importDataset({ data: fixture('x-v1-f4.npy') }, target)).toThrow(/only the features/);
    const two = { ...target, task: { kind: 'classification' as const, classNames: ['a', 'b'] } };
    expect(() => importDataset({ data: fixture('xy.npz') }, two)).toThrow(/label 2; the model has 2 classes/);
    const nan = writeNpy('<f4', [1, 1, 4], [0, Number.NaN, 0, 0]);
    expect(() => importDataset({ data: nan, labels: writeNpy('<i8', [1], [0]) }, target)).toThrow(
      FormatError,
    );
  });

  it('counts saturated values', () => {
    const x = writeNpy('<f4', [1, 2, 4], [100, -100, 0, 0, 0, 0, 0, 7.99]);
    const r = importDataset({ data: x, labels: writeNpy('<i8', [1], [1]) }, target);
    expect(r.saturated).toBe(3);
    expect(Array.from(r.pack.frames)).toEqual([127, -128, 0, 0, 0, 0, 0, 127]);
  });
});

describe('CSV', () => {
  it('groups rows by id, reads labels by index or class name', () => {
    const csv = 'id,label,f0,f1,f2,f3\nu1,b,0,0.5,1,1.5\nu1,b,0,0,0,0\n"u2",2,-1,-1,-1,-1\r\n';
    const { pack } = importDataset({ data: enc(csv) }, target);
    expect(pack.items.map((i) => [i.id, i.length, i.label])).toEqual([
      ['u1', 2, 1],
      ['u2', 1, 2],
    ]);
    expect(Array.from(pack.frames.subarray(0, 4))).toEqual([0, 8, 16, 24]);
  });

  it('reads per-frame regression targets', () => {
    const task = { kind: 'regression' as const, units: 'deg', outputNames: ['angle'] };
    const { pack } = importDataset(
      { data: enc('id,target,a,b,c,d\ns,0.5,1,2,3,4\ns,0.25,1,2,3,4\n') },
      { ...target, task },
    );
    expect(Array.from(pack.targets!)).toEqual([0.5, 0.25]);
  });

  const errors: [string, RegExp][] = [
    ['', /empty/],
    ['name,label,f\n', /must start with "id"/],
    ['id,f0,f1,f2,f3\nx,1,2,3,4\n', /one "label" column/],
    ['id,label,f0,f1,f2,f3\nx,1,2,3\n', /line 2: 4 cells, the header has 6/],
    ['id,label,f0,f1,f2,f3\nx,1,2,,3,4\n', /line 2: column 4 \("f1"\) holds ""/],
    [
      'id,label,f0,f1,f2,f3\nx,1,1,2,3,4\ny,1,1,2,3,4\nx,1,1,2,3,4\n',
      /line 4: the rows of sequence "x" are not together/,
    ],
    ['id,label,f0,f1,f2,f3\nx,1,1,2,3,4\nx,2,1,2,3,4\n', /changes its label/],
    ['id,label,f0,f1,f2,f3\nx,zebra,1,2,3,4\n', /neither a class index nor a class name/],
  ];
  for (const [csv, message] of errors) {
    it(`refuses ${JSON.stringify(csv.slice(0, 40))}`, () => {
      expect(() => importDataset({ data: enc(csv) }, target)).toThrow(message);
    });
  }

  it('gives FormatError only on hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (body) => {
        try {
          importDataset({ data: enc(`id,label,f0,f1,f2,f3\n${body}`) }, target);
        } catch (e) {
          if (!(e instanceof FormatError)) throw e;
        }
      }),
      { seed: 1408, numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          importDataset({ data: bytes }, target);
        } catch (e) {
          if (!(e instanceof FormatError)) throw e;
        }
      }),
      { seed: 1409, numRuns: 1000 },
    );
  });
});

describe('calibrateActivationReport', () => {
  const set = (v: number[] | Int8Array) => ({
    features: 1,
    sequences: [
      { id: 's', frames: v instanceof Int8Array ? v : Float32Array.from(v), length: v.length, label: 0 },
    ],
  });
  const format = (v: number[]) => calibrateActivationReport(set(v))?.activation;

  it('picks the fewest integer bits that hold the data', () => {
    expect(format([0.5, -0.9])).toEqual({ intBits: 0, fracBits: 7 });
    expect(format([3.5, -2])).toEqual({ intBits: 2, fracBits: 5 });
    expect(format([100])).toEqual({ intBits: 7, fracBits: 0 });
    expect(
      calibrateActivationReport(readRawSet({ data: fixture('xy.npz') }, target.task))?.activation,
    ).toEqual({
      intBits: 2,
      fracBits: 5,
    });
  });

  it('lets one value in a thousand clip, and counts it', () => {
    const v = Array.from({ length: 2000 }, (_, i) => (i % 3) - 1.5);
    v[7] = 9;
    v[8] = -12;
    expect(calibrateActivationReport(set(v))).toEqual({
      activation: { intBits: 1, fracBits: 6 },
      clipped: 2,
      values: 2000,
    });
    v[9] = 10;
    expect(calibrateActivationReport(set(v))).toMatchObject({ activation: { intBits: 4 }, clipped: 0 });
  });

  it('has nothing to calibrate on in int8 codes', () => {
    expect(calibrateActivationReport(set(Int8Array.of(3, -100)))).toBeNull();
  });
});

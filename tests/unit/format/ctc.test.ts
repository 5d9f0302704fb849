// CTC (connected digits) in the file formats: the task's blank, packs with label sequences, curves
// with an error rate. Everything a reader accepts round-trips; everything inconsistent is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeModel,
  decodePack,
  encodeModel,
  encodePack,
  FormatError,
  parseCurve,
} from '../../../src/engine/format/index';
import { randomModel } from '../../../src/engine/random-model';
import type { Model, SampleItem, SamplePack, TaskMeta } from '../../../src/engine/types';

const TASK: TaskMeta = {
  kind: 'classification',
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'blank'],
  ctc: { blank: 10 },
};

function ctcModel(): Model {
  const m = randomModel({ inputSize: 4, hiddenSizes: [5, 3], outputs: 11, seed: 15 });
  return { ...m, task: TASK, outputAt: 'every' };
}

function pack(items: SampleItem[], task: TaskMeta = TASK): SamplePack {
  const frames = items.reduce((n, it) => Math.max(n, it.offset + it.length), 0);
  return {
    name: 'connected',
    task,
    activation: { intBits: 3, fracBits: 4 },
    inputSize: 2,
    features: {},
    items,
    frames: Int8Array.from({ length: frames * 2 }, (_, k) => (k % 50) - 25),
    provenance: ctcModel().provenance,
  };
}

const code = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return e.code;
  }
};

const itemsArb = fc.array(
  fc.record({
    length: fc.integer({ min: 1, max: 9 }),
    labels: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 7 }),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('CTC models', () => {
  it('round-trip with the blank declared', () => {
    const m = ctcModel();
    expect(decodeModel(encodeModel(m))).toEqual(m);
  });

  it('refuse a blank that is not one of the classes', () => {
    const m = { ...ctcModel(), task: { ...TASK, ctc: { blank: 11 } } };
    expect(code(() => encodeModel(m))).toBe('inconsistent');
  });
});

describe('CTC packs', () => {
  it('round-trip label sequences of any length, empty included', () => {
    fc.assert(
      fc.property(itemsArb, (specs) => {
        let offset = 0;
        const items = specs.map((s, k) => {
          const it = { id: `s${k}`, offset, length: s.length, label: -1, labels: s.labels };
          offset += s.length;
          return it;
        });
        const p = pack(items);
        expect(decodePack(encodePack(p))).toEqual(p);
      }),
      { seed: 1506, numRuns: 100 },
    );
  });

  it('refuse the blank or an unknown class in a sequence, a class label, or a missing sequence', () => {
    const item = (over: Partial<SampleItem>): SampleItem => ({
      id: 'a',
      offset: 0,
      length: 3,
      label: -1,
      labels: [1, 2],
      ...over,
    });
    expect(code(() => encodePack(pack([item({})])))).toBe('ok');
    expect(code(() => encodePack(pack([item({ labels: [1, 10] })])))).toBe('inconsistent');
    expect(code(() => encodePack(pack([item({ labels: [11] })])))).toBe('inconsistent');
    expect(code(() => encodePack(pack([item({ labels: [-1] })])))).toBe('inconsistent');
    expect(code(() => encodePack(pack([item({ label: 3 })])))).toBe('inconsistent');
    expect(code(() => encodePack(pack([item({ labels: undefined })])))).toBe('inconsistent');
    expect(code(() => encodePack(pack([item({ labels: [1.5] })])))).toBe('bad-header');
  });

  it('refuse label sequences in a pack whose task is not CTC', () => {
    const plain: TaskMeta = { kind: 'classification', classNames: ['a', 'b'] };
    const it: SampleItem = { id: 'a', offset: 0, length: 2, label: 1, labels: [0] };
    expect(code(() => encodePack(pack([it], plain)))).toBe('inconsistent');
    expect(code(() => encodePack(pack([{ ...it, labels: undefined }], plain)))).toBe('ok');
  });
});

describe('curves with an error rate', () => {
  const point = {
    thetaX: 2,
    thetaH: 2,
    errorRate: 0.031,
    speedup: 6.2,
    macReduction: 7,
    memReduction: 3,
    occupancy: 0.12,
  };

  it('read errorRate in place of accuracy', () => {
    expect(parseCurve([point])).toEqual([point]);
  });

  it('refuse a negative rate, and points with no metric at all', () => {
    expect(code(() => parseCurve([{ ...point, errorRate: -0.1 }]))).toBe('bad-curve');
    const { errorRate: _, ...none } = point;
    expect(code(() => parseCurve([none]))).toBe('bad-curve');
  });
});

// CTC evaluation in the engine: the error rate of a pack is the greedy decoding of each item's
// per-frame readout against its label sequence, equal on the kernels and the TypeScript path, and
// it merges exactly when a pool splits the items.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { editDistance, greedyDecode, rowArgmax } from '../../../src/engine/ctc/index';
import { evaluatePack, mergeEvalResults, sweepPack, uniformThresholds } from '../../../src/engine/evaluate';
import { mulberry32 } from '../../../src/engine/random';
import { randomModel } from '../../../src/engine/random-model';
import { runSequence } from '../../../src/engine/sequence';
import type { Model, SamplePack } from '../../../src/engine/types';
import { replaceKernelModule } from '../../../src/engine/wasm/module';

afterEach(() => replaceKernelModule(undefined));

const CLASSES = 4;
const BLANK = 3;

function ctcModel(seed: number): Model {
  const m = randomModel({ inputSize: 3, hiddenSizes: [6, 5], outputs: CLASSES, seed, gain: 2 });
  m.task = { kind: 'classification', classNames: ['a', 'b', 'c', 'blank'], ctc: { blank: BLANK } };
  m.outputAt = 'every';
  return m;
}

function ctcPack(model: Model, items: number, seed: number): SamplePack {
  const rng = mulberry32(seed);
  const lengths = Array.from({ length: items }, () => 1 + Math.floor(rng() * 30));
  const total = lengths.reduce((a, b) => a + b, 0);
  const frames = Int8Array.from({ length: total * 3 }, (_, k) => Math.round(Math.sin(k / 11 + rng()) * 60));
  let offset = 0;
  return {
    name: 'ctc',
    task: model.task,
    activation: model.fixedPoint.activation,
    inputSize: 3,
    features: {},
    items: lengths.map((length, k) => {
      const labels = Array.from({ length: Math.floor(rng() * 4) }, () => Math.floor(rng() * BLANK));
      const item = { id: `s${k}`, offset, length, label: -1, labels };
      offset += length;
      return item;
    }),
    frames,
    provenance: model.provenance,
  };
}

/** The error count by the stepping path: a traced run, argmax of every step's output. */
function reference(model: Model, pack: SamplePack, theta: number, mode: 'fixed' | 'float') {
  const cm = compileModel(model, mode);
  let edits = 0;
  let refLength = 0;
  for (const it of pack.items) {
    const r = runSequence(cm, uniformThresholds(2, theta, theta), pack.frames, it.length, {
      offset: it.offset,
      trace: true,
    });
    const classes = Array.from({ length: it.length }, (_, t) => rowArgmax(r.trace!.output, t, CLASSES));
    edits += editDistance(it.labels!, greedyDecode(classes, BLANK));
    refLength += it.labels!.length;
  }
  return { edits, refLength };
}

describe('CTC evaluation', () => {
  it('counts edits of the greedy transcripts; kernels, TypeScript and traced runs agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 6 }), (seed, theta) => {
        const model = ctcModel(seed);
        const pack = ctcPack(model, 6, seed + 1);
        const th = uniformThresholds(2, theta, theta);
        for (const mode of ['fixed', 'float'] as const) {
          const want = reference(model, pack, theta, mode);
          const r = evaluatePack(compileModel(model, mode), pack, th);
          expect({ edits: r.edits, refLength: r.refLength }).toEqual(want);
          expect(r.accuracy).toBeUndefined();
          if (want.refLength > 0) expect(r.errorRate).toBeCloseTo(want.edits / want.refLength, 12);
        }
        replaceKernelModule(null);
        const ts = evaluatePack(compileModel(model, 'fixed'), pack, th);
        replaceKernelModule(undefined);
        const wasm = evaluatePack(compileModel(model, 'fixed'), pack, th);
        expect(ts.edits).toBe(wasm.edits);
        expect(ts.costs).toEqual(wasm.costs);
      }),
      { seed: 1505, numRuns: 12 },
    );
  });

  it('merges item ranges into the whole, and sweeps carry errorRate', () => {
    const model = ctcModel(7);
    const pack = ctcPack(model, 9, 8);
    const cm = compileModel(model, 'fixed');
    const th = uniformThresholds(2, 2, 2);
    const whole = evaluatePack(cm, pack, th);
    const parts = [0, 4, 9].slice(1).map((to, k) => evaluatePack(cm, pack, th, { from: [0, 4][k], to }));
    const merged = mergeEvalResults(parts, 'classification');
    expect(merged.edits).toBe(whole.edits);
    expect(merged.refLength).toBe(whole.refLength);
    expect(merged.errorRate).toBe(whole.errorRate);
    const curve = sweepPack(cm, pack, [{ thetaX: 2, thetaH: 2 }]);
    expect(curve[0].errorRate).toBe(whole.errorRate);
    expect(curve[0].accuracy).toBeUndefined();
  });

  it('refuses a CTC model that reads out only at the last step', () => {
    const model = ctcModel(3);
    const pack = ctcPack(model, 2, 4);
    model.outputAt = 'last';
    expect(() => evaluatePack(compileModel(model, 'fixed'), pack, uniformThresholds(2, 0, 0))).toThrow(
      /every step/,
    );
  });
});

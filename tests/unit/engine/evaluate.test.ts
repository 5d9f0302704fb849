// Data-set evaluation and sweeps: split by items and merged equals the whole, for a worker pool.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { CancelledError } from '../../../src/engine/errors';
import {
  evaluatePack,
  finishSweep,
  mergeEvalResults,
  sweepPack,
  sweepPackPartial,
  uniformThresholds,
} from '../../../src/engine/evaluate';
import { mulberry32 } from '../../../src/engine/random';
import { randomModel } from '../../../src/engine/random-model';
import { runSequence } from '../../../src/engine/sequence';
import type { Model, SamplePack } from '../../../src/engine/types';

function makePack(model: Model, items: number, seed: number): SamplePack {
  const rng = mulberry32(seed);
  const I = model.layers[0].inputSize;
  const outputs = model.readout.layers[model.readout.layers.length - 1].outSize;
  const lengths = Array.from({ length: items }, () => 1 + Math.floor(rng() * 15));
  const total = lengths.reduce((a, b) => a + b, 0);
  const frames = new Int8Array(total * I);
  for (let k = 0; k < frames.length; k++) frames[k] = Math.round(Math.sin(k / 9 + rng()) * 40);
  let offset = 0;
  return {
    name: 'test',
    task: model.task,
    activation: model.fixedPoint.activation,
    inputSize: I,
    features: {},
    items: lengths.map((length, k) => {
      const item = { id: `item${k}`, offset, length, label: Math.floor(rng() * outputs) };
      offset += length;
      return item;
    }),
    frames,
    targets:
      model.task.kind === 'regression'
        ? Float32Array.from({ length: total * outputs }, () => rng() - 0.5)
        : undefined,
    provenance: model.provenance,
  };
}

function regressionModel(seed: number): Model {
  const m = randomModel({ inputSize: 3, hiddenSizes: [5, 4], outputs: 2, seed, readout: 'mlp' });
  m.task = { kind: 'regression', units: 'rad', outputNames: ['a', 'b'] };
  m.outputAt = 'every';
  return m;
}

const modelArb = fc.oneof(
  fc
    .integer({ min: 0, max: 1e6 })
    .map((seed) => randomModel({ inputSize: 3, hiddenSizes: [6], outputs: 4, seed })),
  fc.integer({ min: 0, max: 1e6 }).map(regressionModel),
);

/** Cut points splitting [0, n) into consecutive ranges. */
const cutsArb = (n: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: n }), { maxLength: 4 })
    .map((c) => [0, ...c.sort((a, b) => a - b), n]);

describe('evaluatePack', () => {
  it('split by from/to and merged equals the whole, exactly', () => {
    fc.assert(
      fc.property(
        modelArb,
        fc.constantFrom('fixed' as const, 'float' as const),
        cutsArb(12),
        (model, mode, cuts) => {
          const cm = compileModel(model, mode);
          const pack = makePack(model, 12, 5);
          const th = uniformThresholds(model.layers.length, 1, 1);
          const whole = evaluatePack(cm, pack, th);
          const parts = cuts.slice(1).map((to, k) => evaluatePack(cm, pack, th, { from: cuts[k], to }));
          expect(mergeEvalResults(parts, model.task.kind)).toEqual(whole);
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });

  it('accuracy and RMSE agree with per-item runSequence', () => {
    const cls = randomModel({ inputSize: 3, hiddenSizes: [6], outputs: 4, seed: 9 });
    const cm = compileModel(cls, 'fixed');
    const pack = makePack(cls, 20, 1);
    const th = uniformThresholds(1, 2, 1);
    const r = evaluatePack(cm, pack, th);
    const preds = pack.items.map(
      (it) => runSequence(cm, th, pack.frames, it.length, { offset: it.offset }).prediction,
    );
    expect(Array.from(r.predictions)).toEqual(preds);
    expect(r.correct).toBe(preds.filter((p, k) => p === pack.items[k].label).length);
    expect(r.accuracy).toBe(r.correct! / 20);

    const reg = regressionModel(3);
    const rcm = compileModel(reg, 'float');
    const rpack = makePack(reg, 10, 2);
    const rr = evaluatePack(rcm, rpack, uniformThresholds(2, 0, 0));
    let sq = 0;
    let count = 0;
    for (const it of rpack.items) {
      const s = runSequence(rcm, uniformThresholds(2, 0, 0), rpack.frames, it.length, {
        offset: it.offset,
        targets: rpack.targets,
      });
      sq += s.sqError!;
      count += s.sqCount!;
    }
    expect(count).toBe((rpack.frames.length / 3) * 2);
    expect(rr.rmse).toBeCloseTo(Math.sqrt(sq / count), 12);
  });

  it('reports progress and stops with CancelledError between items', () => {
    const model = randomModel({ inputSize: 3, hiddenSizes: [6], outputs: 4, seed: 9 });
    const cm = compileModel(model, 'fixed');
    const pack = makePack(model, 10, 1);
    const seen: number[] = [];
    evaluatePack(cm, pack, uniformThresholds(1, 0, 0), { onProgress: (d, t) => seen.push(d / t) });
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    let polls = 0;
    expect(() =>
      evaluatePack(cm, pack, uniformThresholds(1, 0, 0), { shouldStop: () => ++polls > 3 }),
    ).toThrow(CancelledError);
    expect(polls).toBe(4);
  });

  it('rejects packs that cannot feed the model', () => {
    const model = randomModel({ inputSize: 3, hiddenSizes: [6], outputs: 4, seed: 9 });
    const cm = compileModel(model, 'fixed');
    const pack = makePack(model, 3, 1);
    expect(() => evaluatePack(cm, { ...pack, inputSize: 4 }, uniformThresholds(1, 0, 0))).toThrow(/features/);
    expect(() => evaluatePack(cm, pack, uniformThresholds(1, 0, 0), { from: 2, to: 5 })).toThrow(
      /item range/,
    );
    expect(() => evaluatePack(cm, pack, uniformThresholds(2, 0, 0))).toThrow(/per layer/);
  });
});

describe('sweeps', () => {
  it('partial sweeps over item ranges finish to the whole-pack curve', () => {
    fc.assert(
      fc.property(modelArb, cutsArb(10), (model, cuts) => {
        const cm = compileModel(model, 'fixed');
        const pack = makePack(model, 10, 8);
        const grid = [
          { thetaX: 0, thetaH: 0 },
          { thetaX: 2, thetaH: 1 },
          { thetaX: 8, thetaH: 4 },
        ];
        const whole = sweepPack(cm, pack, grid);
        const partials = cuts
          .slice(1)
          .map((to, k) => sweepPackPartial(cm, pack, grid, { from: cuts[k], to }));
        expect(finishSweep(grid, partials, model.task.kind)).toEqual(whole);
        const direct = evaluatePack(cm, pack, uniformThresholds(model.layers.length, 2, 1));
        expect(whole[1].speedup).toBe(direct.figures.speedup);
        expect(whole[1].occupancy).toBe(direct.figures.occupancyAll);
        expect(whole[1].accuracy ?? whole[1].rmse).toBe(direct.accuracy ?? direct.rmse);
      }),
      { seed: 42, numRuns: 20 },
    );
  });

  it('larger thresholds give a larger speedup on this pack (the curve is not flat)', () => {
    const model = randomModel({ inputSize: 3, hiddenSizes: [6], outputs: 4, seed: 2 });
    const pack = makePack(model, 10, 8);
    const curve = sweepPack(compileModel(model, 'fixed'), pack, [
      { thetaX: 0, thetaH: 0 },
      { thetaX: 16, thetaH: 8 },
    ]);
    expect(curve[1].speedup).toBeGreaterThan(curve[0].speedup);
  });
});

// The validation choice of thresholds the lab's presets use: the fastest pair within the allowed drop,
// or, when none is, the most accurate pair (marked), never nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel, decodePack } from '../../../src/engine/format/index';
import type { SamplePack } from '../../../src/engine/types';
import {
  enginePoint,
  OPERATING_GRID,
  selectOnFolds,
  selectOnValidation,
} from '../../../tools/train/engine-eval';

const model = decodeModel(new Uint8Array(readFileSync('public/models/digits-delta-l1.dlm')));
const full = decodePack(new Uint8Array(readFileSync('public/models/digits-test.dlp')));
// Forty items are enough to exercise the choice and keep it quick.
const pack: SamplePack = { ...full, items: full.items.slice(0, 40), audio: undefined };
const points = OPERATING_GRID.map((g) => enginePoint(model, pack, g, 'fixed'));

describe('selectOnValidation', () => {
  it('takes the fastest pair within the drop', () => {
    const ref = points[0].accuracy; // Θ = 0, 0
    const op = selectOnValidation(model, pack, ref, 0.05);
    expect(op.withinDrop).toBe(true);
    expect(op.valAccuracy).toBeGreaterThanOrEqual(ref - 0.05 - 1e-9);
    const faster = points.filter((p) => p.accuracy >= ref - 0.05 - 1e-9 && p.speedup > op.valSpeedup);
    expect(faster).toEqual([]);
  });

  it('falls back to the most accurate pair when none is within the drop', () => {
    const op = selectOnValidation(model, pack, 1.5, 0.01);
    expect(op.withinDrop).toBe(false);
    expect(op.valAccuracy).toBe(Math.max(...points.map((p) => p.accuracy)));
  });

  it('with channel copies, the pair must hold on each of them too', () => {
    const ref = points[0].accuracy;
    const plain = selectOnValidation(model, pack, ref, 0.05);
    // The same takes as a copy: nothing changes but the copies recorded.
    const same = selectOnValidation(model, pack, ref, 0.05, [{ id: 'same', pack }]);
    expect({ ...same, valCopies: undefined }).toEqual({ ...plain, valCopies: undefined });
    expect(same.valCopies).toEqual([{ id: 'same', accuracy: same.valAccuracy }]);
    // A copy whose labels are shifted by one: no pair holds there, so the fallback is the pair whose
    // worst accuracy over the takes and the copy is highest.
    const wrong: SamplePack = {
      ...pack,
      items: pack.items.map((it) => ({ ...it, label: (it.label + 1) % 10 })),
    };
    const op = selectOnValidation(model, pack, ref, 0.05, [{ id: 'wrong', pack: wrong }]);
    expect(op.withinDrop).toBe(false);
    const worst = OPERATING_GRID.map((g, i) =>
      Math.min(points[i].accuracy, enginePoint(model, wrong, g, 'fixed').accuracy),
    );
    expect(Math.min(op.valAccuracy, op.valCopies![0].accuracy)).toBe(Math.max(...worst));
  });
});

describe('selectOnFolds', () => {
  const fold = (id: string, p: SamplePack, reference: number) => ({
    id,
    model,
    pack: p,
    reference,
    copies: [],
  });
  // Two folds of different sizes from the same model: the first 40 items and 15 others.
  const other: SamplePack = { ...full, items: full.items.slice(100, 115), audio: undefined };
  const otherPoints = OPERATING_GRID.map((g) => enginePoint(model, other, g, 'fixed'));

  it('one fold is selectOnValidation', () => {
    const ref = points[0].accuracy;
    const { folds, ...one } = selectOnFolds([fold('a', pack, ref)], 0.05);
    expect(one).toEqual(selectOnValidation(model, pack, ref, 0.05));
    expect(folds).toHaveLength(1);
  });

  it('chooses on the folds pooled, weighted by their recordings', () => {
    const refA = points[0].accuracy;
    const refB = otherPoints[0].accuracy;
    const op = selectOnFolds([fold('a', pack, refA), fold('b', other, refB)], 0.03);
    const w = (a: number, b: number) => (a * 40 + b * 15) / 55;
    expect(op.reference).toBeCloseTo(w(refA, refB), 12);
    const pooled = OPERATING_GRID.map((_, i) => ({
      accuracy: w(points[i].accuracy, otherPoints[i].accuracy),
      speedup: w(points[i].speedup, otherPoints[i].speedup),
    }));
    const k = OPERATING_GRID.findIndex((g) => g.thetaX === op.thetaX && g.thetaH === op.thetaH);
    expect(op.valAccuracy).toBeCloseTo(pooled[k].accuracy, 12);
    expect(op.valSpeedup).toBeCloseTo(pooled[k].speedup, 12);
    expect(op.folds!.map((f) => [f.id, f.items, f.valAccuracy])).toEqual([
      ['a', 40, points[k].accuracy],
      ['b', 15, otherPoints[k].accuracy],
    ]);
    expect(op.withinDrop).toBe(true);
    expect(op.valAccuracy).toBeGreaterThanOrEqual(op.reference - 0.03 - 1e-9);
    const faster = pooled.filter(
      (p) => p.accuracy >= op.reference - 0.03 - 1e-9 && p.speedup > op.valSpeedup,
    );
    expect(faster).toEqual([]);
  });

  it('a fold whose labels are all wrong drags the pooled accuracy below every reference', () => {
    const ref = points[0].accuracy;
    const wrong: SamplePack = {
      ...pack,
      items: pack.items.map((it) => ({ ...it, label: (it.label + 1) % 10 })),
    };
    const op = selectOnFolds([fold('a', pack, ref), fold('wrong', wrong, ref)], 0.01);
    expect(op.withinDrop).toBe(false);
  });

  it('refuses an empty list', () => {
    expect(() => selectOnFolds([], 0.01)).toThrow(/no validation fold/);
  });
});

// Scores a trained model with the lab's own fixed-point engine, so every shipped number is one the
// lab reproduces.
import { compileModel } from '../../src/engine/compile';
import { computeFigures } from '../../src/engine/costs';
import { evaluatePack, type GridPoint, sweepPack, uniformThresholds } from '../../src/engine/evaluate';
import type { CurvePoint, Model, NumericMode, SamplePack } from '../../src/engine/types';

/** Θh in LSBs: detail near 0, then the regime where delta pays. Θx = ratio * Θh (see Hyper). */
export const CURVE_THETAS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 24];

export const curveGrid = (ratio: number): GridPoint[] =>
  CURVE_THETAS.map((t) => ({ thetaX: ratio * t, thetaH: t }));

export function engineCurve(model: Model, pack: SamplePack, grid: GridPoint[]): CurvePoint[] {
  return sweepPack(compileModel(model, 'fixed'), pack, grid);
}

export interface EnginePoint {
  thetaX: number;
  thetaH: number;
  mode: NumericMode;
  accuracy: number;
  speedup: number;
  occupancy: number;
}

export function enginePoint(model: Model, pack: SamplePack, g: GridPoint, mode: NumericMode): EnginePoint {
  const r = evaluatePack(compileModel(model, mode), pack, uniformThresholds(1, g.thetaX, g.thetaH));
  const fig = computeFigures(r.costs);
  return { ...g, mode, accuracy: r.accuracy ?? 0, speedup: fig.speedup, occupancy: fig.occupancyAll };
}

/**
 * Θx, Θh pairs searched for a validation-selected operating point. From 0, so that every model has
 * one (dense at Θ = 0 is the reference itself) and small thresholds are there for models that need them.
 */
export const OPERATING_GRID: GridPoint[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10].flatMap((thetaX) =>
  [0, 1, 2, 3, 4, 5, 6, 7, 8].map((thetaH) => ({ thetaX, thetaH })),
);

export interface OperatingPoint extends GridPoint {
  /** Highest validation speedup whose validation accuracy is at least reference - drop. */
  reference: number;
  drop: number;
  valAccuracy: number;
  valSpeedup: number;
  /**
   * Accuracy at this pair on each changed copy of the validation takes that the choice also had to
   * hold on (at least reference - drop on every one); absent when it was chosen on the clean takes alone.
   */
  valCopies?: { id: string; accuracy: number }[];
  /**
   * With several validation folds, each fold's own figures at this pair; valAccuracy, valSpeedup,
   * valCopies and reference are then their means weighted by recordings (the pooled takes).
   */
  folds?: FoldFigures[];
  /**
   * False when no pair reached reference - drop on validation: then the most accurate pair there
   * (the faster one of equals), so that the lab still has a validated point to offer.
   */
  withinDrop: boolean;
}

export interface FoldFigures {
  id: string;
  items: number;
  reference: number;
  valAccuracy: number;
  valSpeedup: number;
  valCopies?: { id: string; accuracy: number }[];
}

/** One validation fold: a model of the method, its validation takes, and its dense reference there. */
export interface ValidationFold {
  id: string;
  model: Model;
  pack: SamplePack;
  /** The dense model's accuracy at Θ = 0 on this fold's clean takes. */
  reference: number;
  /** The same takes through other channels, which the choice must hold on too. */
  copies: { id: string; pack: SamplePack }[];
}

/**
 * The deployment choice of thresholds, made on validation data only (never on the test split): the
 * fastest pair within `drop` of `reference` on the validation takes and, when `copies` are given
 * (the same takes through other channels), on each of them too; its accuracy is the worst of those.
 */
export function selectOnValidation(
  model: Model,
  valPack: SamplePack,
  reference: number,
  drop: number,
  copies: { id: string; pack: SamplePack }[] = [],
): OperatingPoint {
  const { folds: _one, ...point } = selectOnFolds(
    [{ id: 'validation', model, pack: valPack, reference, copies }],
    drop,
  );
  return point;
}

/**
 * The same choice over several validation folds pooled (cross-validation: each fold's model trained
 * without its takes): accuracies, speedups and the reference are means weighted by the folds'
 * recordings, so that the choice rests on all their takes rather than one fold's draw. Every fold
 * must list the same copies.
 */
export function selectOnFolds(folds: ValidationFold[], drop: number): OperatingPoint {
  if (folds.length === 0) throw new Error('selectOnFolds: no validation fold');
  const total = folds.reduce((a, f) => a + f.pack.items.length, 0);
  // One fold: its own figures exactly (a weighted mean of one would round).
  const pooled = (v: (f: ValidationFold, i: number) => number) =>
    folds.length === 1
      ? v(folds[0], 0)
      : folds.reduce((a, f, i) => a + v(f, i) * f.pack.items.length, 0) / total;
  const reference = pooled((f) => f.reference);
  const copyIds = folds[0].copies.map((c) => c.id);
  let best: OperatingPoint | null = null;
  let fallback: { point: OperatingPoint; worst: number } | null = null;
  for (const g of OPERATING_GRID) {
    const perFold: FoldFigures[] = folds.map((f) => {
      const p = enginePoint(f.model, f.pack, g, 'fixed');
      return {
        id: f.id,
        items: f.pack.items.length,
        reference: f.reference,
        valAccuracy: p.accuracy,
        valSpeedup: p.speedup,
        ...(copyIds.length > 0
          ? {
              valCopies: f.copies.map((c) => ({
                id: c.id,
                accuracy: enginePoint(f.model, c.pack, g, 'fixed').accuracy,
              })),
            }
          : {}),
      };
    });
    const valAccuracy = pooled((_, i) => perFold[i].valAccuracy);
    const valSpeedup = pooled((_, i) => perFold[i].valSpeedup);
    const valCopies = copyIds.map((id, k) => ({
      id,
      accuracy: pooled((_, i) => perFold[i].valCopies![k].accuracy),
    }));
    const worst = Math.min(valAccuracy, ...valCopies.map((c) => c.accuracy));
    const point = {
      ...g,
      reference,
      drop,
      valAccuracy,
      valSpeedup,
      ...(copyIds.length > 0 ? { valCopies } : {}),
      folds: perFold,
    };
    if (worst >= reference - drop - 1e-9 && (!best || valSpeedup > best.valSpeedup)) {
      best = { ...point, withinDrop: true };
    }
    if (
      !fallback ||
      worst > fallback.worst ||
      (worst === fallback.worst && valSpeedup > fallback.point.valSpeedup)
    ) {
      fallback = { point: { ...point, withinDrop: false }, worst };
    }
  }
  return best ?? fallback!.point;
}

// Scoring the driving models with the lab's fixed-point engine (so every shipped number is one the
// lab reproduces), and choosing deployment thresholds on validation clips only.
import { compileModel } from '../../../src/engine/compile';
import { computeFigures } from '../../../src/engine/costs';
import { evaluatePack, type GridPoint, sweepPack, uniformThresholds } from '../../../src/engine/evaluate';
import type { CurvePoint, Model, NumericMode, SamplePack } from '../../../src/engine/types';

/** Θh in LSBs for the shipped curves; Θx = 2 Θh (features span ±4, h only ±1). */
export const DRIVING_CURVE: GridPoint[] = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32].map((t) => ({
  thetaX: 2 * t,
  thetaH: t,
}));

/** The validation search: every Θx, Θh pair of these. */
export const DRIVING_SEARCH: GridPoint[] = [0, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32].flatMap((thetaX) =>
  [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16].map((thetaH) => ({ thetaX, thetaH })),
);

export interface DrivingPoint extends GridPoint {
  mode: NumericMode;
  rmse: number;
  speedup: number;
  macReduction: number;
  occupancy: number;
  /** GRU matrix-vector MACs per frame, delta and dense (the CNN's are reported beside them). */
  gruMacsPerFrame: number;
  gruDenseMacsPerFrame: number;
}

export function drivingPoint(model: Model, pack: SamplePack, g: GridPoint, mode: NumericMode): DrivingPoint {
  const r = evaluatePack(compileModel(model, mode), pack, uniformThresholds(1, g.thetaX, g.thetaH));
  const f = computeFigures(r.costs);
  const steps = r.costs.layers[0].steps;
  return {
    ...g,
    mode,
    rmse: r.rmse ?? Number.NaN,
    speedup: f.speedup,
    macReduction: f.macReduction,
    occupancy: f.occupancyAll,
    gruMacsPerFrame: f.deltaMacs / steps,
    gruDenseMacsPerFrame: f.denseMacs / steps,
  };
}

export function drivingCurve(model: Model, pack: SamplePack): CurvePoint[] {
  return sweepPack(compileModel(model, 'fixed'), pack, DRIVING_CURVE);
}

export interface Selection extends GridPoint {
  /** RMSE of the same model at Θ = 0 on validation, and the allowed factor over it. */
  reference: number;
  factor: number;
  valRmse: number;
  valSpeedup: number;
}

/** The fastest Θ on validation whose RMSE is at most factor × the same model's at Θ = 0 there. */
export function selectOnValidation(model: Model, val: SamplePack, factor: number): Selection {
  const cm = compileModel(model, 'fixed');
  const curve = sweepPack(cm, val, DRIVING_SEARCH);
  const reference = curve.find((p) => p.thetaX === 0 && p.thetaH === 0)!.rmse!;
  let best: Selection = {
    thetaX: 0,
    thetaH: 0,
    reference,
    factor,
    valRmse: reference,
    valSpeedup: curve[0].speedup,
  };
  for (const p of curve) {
    if (p.rmse! <= factor * reference && p.speedup > best.valSpeedup) {
      best = {
        thetaX: p.thetaX,
        thetaH: p.thetaH,
        reference,
        factor,
        valRmse: p.rmse!,
        valSpeedup: p.speedup,
      };
    }
  }
  return best;
}

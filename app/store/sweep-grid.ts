// The threshold settings a live sweep evaluates: the shipped curve's own grid when there is one,
// so live and shipped points can be compared one to one.
import type { CurvePoint } from '../../src/engine/types';

const DIAGONAL = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32];

export function sweepGrid(
  shipped: CurvePoint[] | undefined,
  maxLsb: number,
): { thetaX: number; thetaH: number }[] {
  if (shipped && shipped.length > 0) return shipped.map((p) => ({ thetaX: p.thetaX, thetaH: p.thetaH }));
  return DIAGONAL.filter((t) => t <= maxLsb).map((t) => ({ thetaX: t, thetaH: t }));
}

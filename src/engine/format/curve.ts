// Shipped trade-off curves (JSON arrays of CurvePoint). JSON has no Infinity: JSON.stringify writes
// an infinite macReduction (nothing fired) as null, so null and the string "Infinity" both read as ∞.
import { z } from 'zod';
import type { CurvePoint } from '../types';
import { FormatError } from './errors';
import { LIMITS } from './limits';
import { parseWith } from './schema';

const theta = z.number().int().min(0).max(LIMITS.maxThreshold);
const ratio = z.number().positive().finite();

const pointSchema = z
  .object({
    thetaX: theta,
    thetaH: theta,
    accuracy: z.number().min(0).max(1).optional(),
    rmse: z.number().min(0).finite().optional(),
    errorRate: z.number().min(0).finite().optional(),
    speedup: ratio,
    macReduction: z.union([ratio, z.null(), z.literal('Infinity')]),
    memReduction: ratio,
    occupancy: z.number().min(0).max(1),
  })
  .refine(
    (p) => p.accuracy !== undefined || p.rmse !== undefined || p.errorRate !== undefined,
    'needs accuracy, rmse or errorRate',
  );

const curveSchema = z.array(pointSchema).max(LIMITS.maxCurvePoints);

export function parseCurve(json: unknown): CurvePoint[] {
  const points = parseWith(curveSchema, json, 'bad-curve', 'curve');
  if (points.length === 0) throw new FormatError('bad-curve', 'curve: no points');
  return points.map((p) => {
    const out: CurvePoint = {
      thetaX: p.thetaX,
      thetaH: p.thetaH,
      speedup: p.speedup,
      macReduction: typeof p.macReduction === 'number' ? p.macReduction : Number.POSITIVE_INFINITY,
      memReduction: p.memReduction,
      occupancy: p.occupancy,
    };
    if (p.accuracy !== undefined) out.accuracy = p.accuracy;
    if (p.rmse !== undefined) out.rmse = p.rmse;
    if (p.errorRate !== undefined) out.errorRate = p.errorRate;
    return out;
  });
}

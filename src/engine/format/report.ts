// The part of a shipped training report (*.report.json) the lab reads: the operating point chosen on
// validation data, which the lab's "operating point" preset sets. Everything else in a report is for
// RESULTS.md and people; it is ignored here.
import { z } from 'zod';
import type { OperatingPoint } from '../types';
import { LIMITS } from './limits';
import { parseWith } from './schema';

const theta = z.number().int().min(0).max(LIMITS.maxThreshold);

const reportSchema = z.object({
  operatingPoint: z
    .object({
      thetaX: theta,
      thetaH: theta,
      selectedOn: z.string().max(LIMITS.maxTextLength),
    })
    .optional(),
});

/** The validation-chosen operating point of a report, or null when the report has none. */
export function parseOperatingPoint(json: unknown): OperatingPoint | null {
  const report = parseWith(reportSchema, json, 'bad-report', 'report');
  const op = report.operatingPoint;
  return op ? { thetaX: op.thetaX, thetaH: op.thetaH, selectedOn: op.selectedOn } : null;
}

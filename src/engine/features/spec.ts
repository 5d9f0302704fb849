// A model's `features` field is outside input (any file a user drops): validate it before computing.
import { z } from 'zod';
import type { FeatureSpec } from '../types';
import type { LogMelSpec } from './logmel';

const finite = z.number().finite();

const logMelSchema = z
  .object({
    kind: z.literal('logmel'),
    sampleRate: z.number().int().min(1000).max(192_000),
    windowLength: z.number().int().min(16).max(65_536),
    hop: z.number().int().min(1).max(65_536),
    fftSize: z
      .number()
      .int()
      .min(16)
      .max(65_536)
      .refine((n) => (n & (n - 1)) === 0, 'fftSize must be a power of two'),
    bands: z.number().int().min(1).max(512),
    fmin: finite.min(0),
    fmax: finite.positive(),
    logFloor: finite.positive(),
    mean: z.array(finite),
    std: z.array(finite.positive()),
    scale: finite,
    smoothing: finite.min(0).lt(1),
    activation: z.object({
      intBits: z.number().int().min(0).max(7),
      fracBits: z.number().int().min(0).max(7),
    }),
  })
  .refine((s) => s.fftSize >= s.windowLength, 'fftSize must be at least windowLength')
  .refine((s) => s.fmax <= s.sampleRate / 2 && s.fmin < s.fmax, 'need fmin < fmax <= sampleRate / 2')
  .refine(
    (s) => s.mean.length === s.bands && s.std.length === s.bands,
    'mean and std need one value per band',
  );

export class FeatureSpecError extends Error {
  override name = 'FeatureSpecError';
}

/** The model's log-mel spec, or a FeatureSpecError saying why the model cannot take audio. */
export function parseLogMelSpec(features: FeatureSpec): LogMelSpec {
  const r = logMelSchema.safeParse(features);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new FeatureSpecError(
      `this model does not declare usable log-mel features (${where}${issue.message})`,
    );
  }
  return r.data;
}

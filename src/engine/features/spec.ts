// A model's `features` field is outside input (any file a user drops): validate it before computing.
import { z } from 'zod';
import type { FeatureSpec } from '../types';
import { type LogMelSpec, RUNNING_MEAN_ANCHORS } from './logmel';

const finite = z.number().finite();

/**
 * Bounds on what a model may declare about its features, so that computing them stays cheap: speech
 * features need no more, and a model that declares more is broken or hostile (hop 1 at 192 kHz with
 * a 65536-point FFT would cost minutes and gigabytes per second of audio).
 */
export const FEATURE_LIMITS = {
  minSampleRate: 4000,
  maxSampleRate: 48_000,
  maxFftSize: 8192,
  maxBands: 256,
  maxFramesPerSecond: 1000,
  /** Frames × FFT size × log2(FFT size) for one recording: about two seconds of work here. */
  maxWork: 2e9,
} as const;

const logMelSchema = z
  .object({
    kind: z.literal('logmel'),
    sampleRate: z.number().int().min(FEATURE_LIMITS.minSampleRate).max(FEATURE_LIMITS.maxSampleRate),
    windowLength: z.number().int().min(16).max(FEATURE_LIMITS.maxFftSize),
    hop: z.number().int().min(1).max(FEATURE_LIMITS.maxFftSize),
    fftSize: z
      .number()
      .int()
      .min(16)
      .max(FEATURE_LIMITS.maxFftSize)
      .refine((n) => (n & (n - 1)) === 0, 'fftSize must be a power of two'),
    bands: z.number().int().min(1).max(FEATURE_LIMITS.maxBands),
    fmin: finite.min(0),
    fmax: finite.positive(),
    logFloor: finite.positive(),
    mean: z.array(finite),
    std: z.array(finite.positive()),
    scale: finite,
    smoothing: finite.min(0).lt(1),
    // Optional, as is its anchor: models trained before either existed load and compute their
    // features as before.
    runningMean: z
      .object({
        decay: finite.min(0).lt(1),
        initial: z.array(finite).max(FEATURE_LIMITS.maxBands),
        anchor: z.enum(RUNNING_MEAN_ANCHORS).optional(),
      })
      .optional(),
    activation: z.object({
      intBits: z.number().int().min(0).max(7),
      fracBits: z.number().int().min(0).max(7),
    }),
  })
  .refine((s) => s.fftSize >= s.windowLength, 'fftSize must be at least windowLength')
  .refine((s) => s.sampleRate / s.hop <= FEATURE_LIMITS.maxFramesPerSecond, {
    message: `more than ${FEATURE_LIMITS.maxFramesPerSecond} frames per second`,
    path: ['hop'],
  })
  .refine((s) => s.bands <= s.fftSize / 2, { message: 'more bands than FFT bins', path: ['bands'] })
  .refine((s) => s.fmax <= s.sampleRate / 2 && s.fmin < s.fmax, 'need fmin < fmax <= sampleRate / 2')
  .refine(
    (s) => s.mean.length === s.bands && s.std.length === s.bands,
    'mean and std need one value per band',
  )
  .refine((s) => !s.runningMean || s.runningMean.initial.length === s.bands, {
    message: 'runningMean.initial needs one value per band',
    path: ['runningMean', 'initial'],
  });

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

/** Refuses a recording whose features would cost more than FEATURE_LIMITS.maxWork, before any is computed. */
export function checkFeatureWork(seconds: number, spec: LogMelSpec): void {
  const framesPerSecond = spec.sampleRate / spec.hop;
  const perSecond = framesPerSecond * spec.fftSize * Math.log2(spec.fftSize);
  const maxSeconds = FEATURE_LIMITS.maxWork / perSecond;
  if (seconds > maxSeconds) {
    throw new FeatureSpecError(
      `duration: ${seconds.toFixed(1)} s is too long for this model's features (at most ${maxSeconds.toFixed(0)} s)`,
    );
  }
}

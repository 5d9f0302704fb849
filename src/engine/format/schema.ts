// zod schemas for the parts of a JSON header that models and packs share. They check types and
// basic ranges only; limits and cross-field consistency are checked afterwards (checks.ts) so that
// those failures get their own error codes.
import { z } from 'zod';
import { FormatError } from './errors';
import { LIMITS } from './limits';

const count = z.number().int().min(0);
const name = z.string().max(LIMITS.maxNameLength);
const text = z.string().max(LIMITS.maxTextLength);

/** A plain JSON value no deeper than maxJsonDepth (so it can be stringified, cloned and compared). */
export function isPlainJson(v: unknown, depth = 0): boolean {
  if (depth > LIMITS.maxJsonDepth) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isPlainJson(x, depth + 1));
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v as object).every((x) => isPlainJson(x, depth + 1));
}

export const qFormatSchema = z.object({ intBits: count, fracBits: count });

export const fixedPointSchema = z.object({
  activation: qFormatSchema,
  weightBits: z.union([z.literal(8), z.literal(16)]),
  weightFrac: count,
  accumulatorBits: count,
  rounding: z.enum(['nearest', 'floor']),
  gateFrac: count,
  tableInputFrac: count,
  tableInputRange: z.number().positive(),
});

export const thresholdsSchema = z.object({ thetaX: z.array(count), thetaH: z.array(count) });

export const taskSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('classification'),
    classNames: z.array(name),
    ctc: z.object({ blank: count }).optional(),
  }),
  z.object({ kind: z.literal('regression'), units: name, outputNames: z.array(name) }),
]);

export const featuresSchema = z
  .record(z.string(), z.unknown())
  .refine((v) => isPlainJson(v), `must be plain JSON nested at most ${LIMITS.maxJsonDepth} deep`);

export const provenanceSchema = z.object({
  dataset: text,
  trainingMethod: text,
  seed: z.number(),
  license: text,
  attribution: text,
  createdBy: text,
  metrics: z.record(z.string(), z.number()).optional(),
  notes: text.optional(),
});

export const tensorEntrySchema = z.object({
  name,
  dtype: z.enum(['f32', 'i8']),
  shape: z.array(count).max(4),
  offset: count,
  length: count,
});

export const nameSchema = name;
export const textSchema = text;
export const countSchema = count;

/** Parses with a schema; failures become a FormatError listing the first few problems by path. */
export function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  code: 'bad-header' | 'bad-manifest' | 'bad-curve' | 'bad-report',
  what: string,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  const more = r.error.issues.length > 3 ? ` (and ${r.error.issues.length - 3} more)` : '';
  throw new FormatError(code, `${what}: ${problems}${more}`);
}

/** What a reader will parse from a header; non-JSON values (cycles, BigInt) become a FormatError. */
export function jsonRoundTrip(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch (e) {
    throw new FormatError('bad-header', `cannot be written as JSON: ${(e as Error).message}`);
  }
}

// The optional CNN front end of a model (docs/FORMAT.md, "CNN front end"): its header schema, its
// checks and its tensors, which come after all the GRU and readout tensors.
import { z } from 'zod';
import {
  type Cnn,
  type CnnLayer,
  type CnnSpec,
  CnnSpecError,
  checkCnn,
  cnnShapes,
  cnnSpecOf,
  featureCount,
  featureFrac,
  weightCounts,
} from '../cnn';
import type { QFormat } from '../types';
import { FormatError } from './errors';
import { countSchema } from './schema';
import type { TensorSpec } from './tensors';

const weighted = { relu: z.boolean(), weightFrac: countSchema, outFrac: countSchema };

export const cnnHeaderSchema = z.object({
  width: countSchema,
  height: countSchema,
  weightBits: z.union([z.literal(8), z.literal(16)]),
  accumulatorBits: countSchema,
  rounding: z.enum(['nearest', 'floor']),
  layers: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('conv'),
        kernel: countSchema,
        stride: countSchema,
        pad: countSchema,
        channels: countSchema,
        ...weighted,
      }),
      z.object({ kind: z.literal('maxpool'), size: countSchema, stride: countSchema }),
      z.object({ kind: z.literal('dense'), size: countSchema, ...weighted }),
    ]),
  ),
});

const CODES = {
  dimension: 'absurd-dimension',
  inconsistent: 'inconsistent',
  size: 'size-mismatch',
  'non-finite': 'non-finite',
} as const;

function asFormatError(e: unknown): never {
  if (e instanceof CnnSpecError) throw new FormatError(CODES[e.kind], e.message);
  throw e;
}

/** Limits and shapes, and that its features are the first GRU layer's input in its activation format. */
export function checkCnnHeader(spec: CnnSpec, gruInput: number, activation: QFormat): void {
  try {
    cnnShapes(spec);
  } catch (e) {
    asFormatError(e);
  }
  const n = featureCount(spec);
  if (n !== gruInput) {
    throw new FormatError('inconsistent', `cnn emits ${n} features, GRU layer 0 inputSize is ${gruInput}`);
  }
  const f = featureFrac(spec);
  if (f !== activation.fracBits) {
    throw new FormatError(
      'inconsistent',
      `cnn features have ${f} fractional bits, the activation format Q${activation.intBits}.${activation.fracBits} has ${activation.fracBits}`,
    );
  }
}

export function cnnTensorSpecs(spec: CnnSpec): TensorSpec[] {
  const shapes = cnnShapes(spec);
  const specs: TensorSpec[] = [];
  spec.layers.forEach((l, i) => {
    if (l.kind === 'maxpool') return;
    const s = shapes[i];
    const n = weightCounts(l, s);
    const t = (name: string, shape: number[], formula: string): void => {
      specs.push({ name: `cnn.${i}.${name}`, label: `cnn layer ${i} ${name}`, dtype: 'f32', shape, formula });
    };
    if (l.kind === 'conv') {
      t(
        'weight',
        [l.channels, s.channels, l.kernel, l.kernel],
        `${l.channels}*${s.channels}*${l.kernel}*${l.kernel}`,
      );
    } else {
      const inputs = s.channels * s.height * s.width;
      t('weight', [l.size, inputs], `${l.size}*${inputs}`);
    }
    t('bias', [n.bias], `${n.bias}`);
  });
  return specs;
}

/** The header part and the arrays in tensor order; checks the in-memory CNN first. */
export function cnnForEncode(cnn: Cnn): { header: CnnSpec; arrays: Float32Array[] } {
  try {
    checkCnn(cnn);
  } catch (e) {
    asFormatError(e);
  }
  const arrays: Float32Array[] = [];
  for (const l of cnn.layers) if (l.kind !== 'maxpool') arrays.push(l.weight, l.bias);
  return { header: cnnSpecOf(cnn), arrays };
}

/** The CNN of a decoded header, reading its tensors in order with `next`. */
export function cnnFromHeader(spec: CnnSpec, next: () => Float32Array): Cnn {
  const layers = spec.layers.map(
    (l): CnnLayer => (l.kind === 'maxpool' ? l : { ...l, weight: next(), bias: next() }),
  );
  return { ...spec, layers };
}

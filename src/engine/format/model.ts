// Model files (.dlm): encodeModel / decodeModel. The header carries everything but the weights;
// the blob holds the float32 weights in the order of modelTensorSpecs.

import { z } from 'zod';
import type { DenseLayer, GruLayer, Model } from '../types';
import { checkDim, checkFixedPoint, checkTask } from './checks';
import { checkCnnHeader, cnnForEncode, cnnFromHeader, cnnHeaderSchema, cnnTensorSpecs } from './cnn';
import { type EncodeOptions, readContainer, writeContainer } from './container';
import { FormatError } from './errors';
import { LIMITS } from './limits';
import {
  countSchema,
  featuresSchema,
  fixedPointSchema,
  isPlainJson,
  jsonRoundTrip,
  nameSchema,
  parseWith,
  provenanceSchema,
  taskSchema,
  tensorEntrySchema,
  textSchema,
  thresholdsSchema,
} from './schema';
import {
  checkFinite,
  checkTable,
  countMessage,
  layoutTensors,
  readF32,
  type TensorSpec,
  writeTensors,
} from './tensors';

const modelHeaderSchema = z.object({
  name: nameSchema,
  description: textSchema,
  layers: z.array(z.object({ inputSize: countSchema, hiddenSize: countSchema })),
  readout: z.object({
    kind: z.enum(['linear', 'mlp']),
    layers: z.array(z.object({ inSize: countSchema, outSize: countSchema })),
  }),
  fixedPoint: fixedPointSchema,
  trainedThresholds: thresholdsSchema,
  task: taskSchema,
  outputAt: z.enum(['last', 'every']),
  features: featuresSchema,
  provenance: provenanceSchema,
  cnn: cnnHeaderSchema.optional(),
  tensors: z.array(tensorEntrySchema),
});

type ModelHeader = z.infer<typeof modelHeaderSchema>;

/** Limits and consistency of the architecture; throws 'absurd-dimension' or 'inconsistent'. */
function checkArchitecture(h: ModelHeader): void {
  checkDim(h.layers.length, LIMITS.maxLayers, 'number of GRU layers');
  h.layers.forEach((l, i) => {
    checkDim(l.inputSize, LIMITS.maxUnits, `layer ${i} inputSize`);
    checkDim(l.hiddenSize, LIMITS.maxUnits, `layer ${i} hiddenSize`);
    if (i > 0 && l.inputSize !== h.layers[i - 1].hiddenSize) {
      throw new FormatError(
        'inconsistent',
        `layer ${i} inputSize ${l.inputSize} differs from layer ${i - 1} hiddenSize ${h.layers[i - 1].hiddenSize}`,
      );
    }
  });
  const wanted = h.readout.kind === 'mlp' ? 2 : 1;
  if (h.readout.layers.length !== wanted) {
    throw new FormatError(
      'inconsistent',
      `${h.readout.kind} readout has ${h.readout.layers.length} layers, expected ${wanted}`,
    );
  }
  let inSize = h.layers[h.layers.length - 1].hiddenSize;
  h.readout.layers.forEach((d, i) => {
    checkDim(d.inSize, LIMITS.maxUnits, `readout layer ${i} inSize`);
    checkDim(d.outSize, LIMITS.maxUnits, `readout layer ${i} outSize`);
    if (d.inSize !== inSize) {
      throw new FormatError('inconsistent', `readout layer ${i} inSize ${d.inSize}, expected ${inSize}`);
    }
    inSize = d.outSize;
  });
  const outputs = checkTask(h.task);
  if (inSize !== outputs) {
    const what = h.task.kind === 'classification' ? 'classes' : 'regression outputs';
    throw new FormatError('inconsistent', `readout has ${inSize} outputs, task has ${outputs} ${what}`);
  }
  checkFixedPoint(h.fixedPoint);
  for (const key of ['thetaX', 'thetaH'] as const) {
    const n = h.trainedThresholds[key].length;
    if (n !== h.layers.length) {
      throw new FormatError(
        'inconsistent',
        `trainedThresholds.${key} has ${n} entries for ${h.layers.length} layers`,
      );
    }
    h.trainedThresholds[key].forEach((t, i) => {
      checkDim(t, LIMITS.maxThreshold, `trainedThresholds.${key}[${i}]`, 0);
    });
  }
  if (h.cnn) checkCnnHeader(h.cnn, h.layers[0].inputSize, h.fixedPoint.activation);
}

function modelTensorSpecs(h: ModelHeader): TensorSpec[] {
  const specs: TensorSpec[] = [];
  h.layers.forEach((l, i) => {
    const H = l.hiddenSize;
    const I = l.inputSize;
    const g = (name: string, shape: number[], formula: string): void => {
      specs.push({ name: `layer.${i}.${name}`, label: `layer ${i} ${name}`, dtype: 'f32', shape, formula });
    };
    g('wIh', [3 * H, I], `3*${H}*${I}`);
    g('wHh', [3 * H, H], `3*${H}*${H}`);
    g('bIh', [3 * H], `3*${H}`);
    g('bHh', [3 * H], `3*${H}`);
  });
  h.readout.layers.forEach((d, i) => {
    const r = (name: string, shape: number[], formula: string): void => {
      specs.push({
        name: `readout.${i}.${name}`,
        label: `readout ${i} ${name}`,
        dtype: 'f32',
        shape,
        formula,
      });
    };
    r('weight', [d.outSize, d.inSize], `${d.outSize}*${d.inSize}`);
    r('bias', [d.outSize], `${d.outSize}`);
  });
  if (h.cnn) specs.push(...cnnTensorSpecs(h.cnn));
  return specs;
}

function parseModelHeader(json: unknown): { header: ModelHeader; specs: TensorSpec[] } {
  const header = parseWith(modelHeaderSchema, json, 'bad-header', 'model header');
  checkArchitecture(header);
  return { header, specs: modelTensorSpecs(header) };
}

function modelArrays(model: Model): Float32Array[] {
  const arrays: Float32Array[] = [];
  for (const l of model.layers) arrays.push(l.wIh, l.wHh, l.bIh, l.bHh);
  for (const d of model.readout.layers) arrays.push(d.weight, d.bias);
  if (model.cnn) arrays.push(...cnnForEncode(model.cnn).arrays);
  return arrays;
}

export function encodeModel(model: Model, options: EncodeOptions = {}): Uint8Array {
  const arrays = modelArrays(model);
  if (!isPlainJson(model.features)) throw new FormatError('bad-header', 'model features must be plain JSON');
  const draft = {
    name: model.name,
    description: model.description,
    layers: model.layers.map((l) => ({ inputSize: l.inputSize, hiddenSize: l.hiddenSize })),
    readout: {
      kind: model.readout.kind,
      layers: model.readout.layers.map((d) => ({ inSize: d.inSize, outSize: d.outSize })),
    },
    fixedPoint: model.fixedPoint,
    trainedThresholds: model.trainedThresholds,
    task: model.task,
    outputAt: model.outputAt,
    features: model.features,
    provenance: model.provenance,
    ...(model.cnn ? { cnn: cnnForEncode(model.cnn).header } : {}),
    tensors: [],
  };
  // Validate exactly what a reader will see, so no file is written that cannot be read back.
  const { header, specs } = parseModelHeader(jsonRoundTrip(draft));
  specs.forEach((s, k) => {
    const a = arrays[k];
    if (!(a instanceof Float32Array))
      throw new FormatError('bad-header', `${s.label}: expected a Float32Array`);
    if (a.length !== s.shape.reduce((x, y) => x * y, 1)) {
      throw new FormatError('size-mismatch', countMessage(s, a.length, 'model'));
    }
    checkFinite(a, s.label);
  });
  const { entries, total } = layoutTensors(specs);
  header.tensors = entries;
  return writeContainer('model', header, writeTensors(entries, arrays, total), options.compression ?? 'none');
}

export function decodeModel(bytes: Uint8Array | ArrayBuffer): Model {
  const c = readContainer('model', bytes);
  const { header: h, specs } = parseModelHeader(c.header);
  const entries = checkTable(h.tensors, specs, c.rawLength);
  const blob = c.blob();
  let k = 0;
  const next = (): Float32Array => {
    const a = readF32(blob, entries[k], specs[k].label);
    k++;
    return a;
  };
  const layers: GruLayer[] = h.layers.map((l) => ({
    inputSize: l.inputSize,
    hiddenSize: l.hiddenSize,
    wIh: next(),
    wHh: next(),
    bIh: next(),
    bHh: next(),
  }));
  const readoutLayers: DenseLayer[] = h.readout.layers.map((d) => ({
    inSize: d.inSize,
    outSize: d.outSize,
    weight: next(),
    bias: next(),
  }));
  const cnn = h.cnn ? cnnFromHeader(h.cnn, next) : undefined;
  return {
    name: h.name,
    description: h.description,
    layers,
    readout: { kind: h.readout.kind, layers: readoutLayers },
    fixedPoint: h.fixedPoint,
    trainedThresholds: h.trainedThresholds,
    task: h.task,
    outputAt: h.outputAt,
    features: h.features,
    provenance: h.provenance,
    ...(cnn ? { cnn } : {}),
  };
}

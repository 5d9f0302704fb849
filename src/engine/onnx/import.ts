// importOnnx: an ONNX GRU network (see graph.ts for what is accepted) to a validated DeltaLab Model.

import type { Cnn, CnnLayer, CnnSpec } from '../cnn/types';
import { FormatError } from '../format/errors';
import { decodeModel, encodeModel } from '../format/model';
import { DEFAULT_FIXED_POINT } from '../random-model';
import type { FixedPointSpec, Model, QFormat, TaskMeta } from '../types';
import { GraphWalk, type ImportedNet } from './graph';
import { readMeta } from './metadata';
import { decodeOnnxMessage } from './read';

export interface OnnxImportOptions {
  /** Activation format of inputs and hidden states; the file's own (if exported by DeltaLab) or Q3.4 otherwise. */
  activation?: QFormat;
  /** The model's name when the file carries no DeltaLab metadata (a file name, say). */
  fallbackName?: string;
}

/**
 * Weights in 16 bits with as many fractional bits as the largest weight or bias leaves, the rule the
 * project's own trainer uses; the rest of the arithmetic is the paper's default.
 */
export function fixedPointForWeights(net: ImportedNet, activation: QFormat): FixedPointSpec {
  let max = 0;
  for (const l of net.layers)
    for (const a of [l.wIh, l.wHh, l.bIh, l.bHh]) for (const v of a) max = Math.max(max, Math.abs(v));
  const intBits = Math.min(15, Math.max(0, Math.ceil(Math.log2(max + 1e-9)) + 1));
  return { ...DEFAULT_FIXED_POINT, activation, weightBits: 16, weightFrac: 15 - intBits };
}

function defaultTask(outputs: number): TaskMeta {
  return outputs === 1
    ? { kind: 'regression', units: '', outputNames: ['output'] }
    : { kind: 'classification', classNames: Array.from({ length: outputs }, (_, i) => `class ${i}`) };
}

/**
 * The CNN read from the graph with the fixed-point formats of the DeltaLab metadata, which must
 * describe the same layers: ONNX has no place for those formats, so only DeltaLab's own files
 * bring a CNN front end.
 */
function cnnWithFormats(layers: CnnLayer[], spec: unknown): Cnn {
  const s = spec as CnnSpec | undefined;
  if (!s || !Array.isArray(s.layers)) {
    throw new FormatError(
      'unsupported',
      "a CNN front end is read only from DeltaLab's own ONNX files: its fixed-point formats are not in ONNX",
    );
  }
  if (s.layers.length !== layers.length) {
    throw new FormatError(
      'inconsistent',
      `the graph's CNN has ${layers.length} layers, its DeltaLab metadata ${s.layers.length}`,
    );
  }
  const merged = layers.map((l, k): CnnLayer => {
    const d = s.layers[k];
    const {
      weight: _w,
      bias: _b,
      weightFrac: _f,
      outFrac: _o,
      ...shape
    } = l as CnnLayer & { weight?: unknown; bias?: unknown; weightFrac?: unknown; outFrac?: unknown };
    const record = (d ?? {}) as unknown as Record<string, unknown>;
    const differs = Object.entries(shape).some(([key, v]) => record[key] !== v);
    if (differs) {
      throw new FormatError(
        'inconsistent',
        `CNN layer ${k} of the graph (${JSON.stringify(shape)}) differs from its DeltaLab metadata`,
      );
    }
    return l.kind === 'maxpool'
      ? l
      : {
          ...l,
          weightFrac: (d as { weightFrac: number }).weightFrac,
          outFrac: (d as { outFrac: number }).outFrac,
        };
  });
  return {
    width: s.width,
    height: s.height,
    weightBits: s.weightBits,
    accumulatorBits: s.accumulatorBits,
    rounding: s.rounding,
    layers: merged,
  };
}

export function importOnnx(bytes: Uint8Array | ArrayBuffer, opts: OnnxImportOptions = {}): Model {
  return readOnnx(bytes, opts).model;
}

/** importOnnx, and whether the file declared its own fixed point (a DeltaLab export). */
export function readOnnx(
  bytes: Uint8Array | ArrayBuffer,
  opts: OnnxImportOptions = {},
): { model: Model; ownFixedPoint: boolean } {
  const msg = decodeOnnxMessage(bytes);
  const net = new GraphWalk(msg.graph).network();
  const meta = readMeta(msg.metadataProps) ?? {};
  const outputs = net.readout.layers[net.readout.layers.length - 1].outSize;
  const fixed =
    (meta.fixedPoint as FixedPointSpec | undefined) ??
    fixedPointForWeights(net, opts.activation ?? DEFAULT_FIXED_POINT.activation);
  const model = {
    name: meta.name ?? opts.fallbackName ?? (msg.graph.name || 'onnx-model'),
    description: meta.description ?? (msg.docString || msg.graph.docString || 'Imported from ONNX.'),
    layers: net.layers,
    readout: net.readout,
    fixedPoint: opts.activation ? { ...fixed, activation: opts.activation } : fixed,
    trainedThresholds: meta.trainedThresholds ?? {
      thetaX: net.layers.map(() => 0),
      thetaH: net.layers.map(() => 0),
    },
    task: meta.task ?? defaultTask(outputs),
    outputAt: net.outputAt,
    features: meta.features ?? {},
    provenance: meta.provenance ?? {
      dataset: 'unknown (imported from ONNX)',
      trainingMethod: 'unknown',
      seed: 0,
      license: 'unknown',
      attribution: msg.producerName
        ? `Exported by ${msg.producerName} ${msg.producerVersion}`.trim()
        : 'unknown',
      createdBy: 'DeltaLab ONNX import',
    },
    ...(net.cnn && { cnn: cnnWithFormats(net.cnn, meta.cnn) }),
  } as Model;
  // The model format's own checks (limits, finite weights, thresholds per layer, metadata schema).
  try {
    return { model: decodeModel(encodeModel(model)), ownFixedPoint: meta.fixedPoint !== undefined };
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(
      'bad-header',
      `the ONNX file's DeltaLab metadata is malformed: ${(e as Error).message}`,
    );
  }
}

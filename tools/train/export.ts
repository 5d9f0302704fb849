// From trained float parameters to the lab's Model and SamplePack (the engine's own types).
import type { LogMelSpec } from '../../src/engine/features/logmel';
import type { FixedPointSpec, Model, Provenance, SamplePack, TaskMeta } from '../../src/engine/types';
import type { Example } from './dataset';
import type { GruParams } from './gru';
import { METHOD_LABELS, type Method } from './methods';

export const DIGITS_TASK: TaskMeta = {
  kind: 'classification',
  classNames: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
};

export const FSDD_LICENSE = 'CC BY-SA 4.0';
export const FSDD_ATTRIBUTION =
  'Derived from the Free Spoken Digit Dataset (Zohar Jackson et al., github.com/Jakobovski/free-spoken-digit-dataset), CC BY-SA 4.0; trained and exported by DeltaLab.';

/**
 * 16-bit weights with as many fractional bits as the largest weight or bias allows: the trained
 * ranges (|w| up to ~4) would clip in the 8-bit Q1.6 default, and 16 bits keep the dense network's
 * Θ=0 accuracy (the numbers in each report).
 */
export function fixedPointFor(p: GruParams): FixedPointSpec {
  let max = 0;
  for (const a of [p.wIh, p.wHh, p.bIh, p.bHh]) for (const v of a) max = Math.max(max, Math.abs(v));
  const intBits = Math.max(0, Math.ceil(Math.log2(max + 1e-9)) + 1);
  return {
    activation: { intBits: 3, fracBits: 4 },
    weightBits: 16,
    weightFrac: 15 - intBits,
    accumulatorBits: 32,
    rounding: 'nearest',
    gateFrac: 8,
    tableInputFrac: 8,
    tableInputRange: 8,
  };
}

export function provenance(
  method: Method,
  seed: number,
  notes: string,
  metrics?: Record<string, number>,
): Provenance {
  return {
    dataset: 'Free Spoken Digit Dataset (FSDD) v1.0.9, official split (takes 5-49 train, 0-4 test)',
    trainingMethod: method,
    seed,
    license: FSDD_LICENSE,
    attribution: FSDD_ATTRIBUTION,
    createdBy: 'tools/train-digits.ts',
    ...(metrics && { metrics }),
    notes,
  };
}

export function toModel(
  p: GruParams,
  method: Method,
  spec: LogMelSpec,
  trained: { thetaX: number; thetaH: number },
  prov: Provenance,
): Model {
  const H = p.hiddenSize;
  const f32 = (a: Float64Array) => Float32Array.from(a);
  const delta = method === 'delta' || method === 'delta-l1';
  return {
    name: `digits-${method}`,
    description: `Spoken digits (FSDD), 1-layer GRU H=${H} on ${spec.bands} log-mel bands. ${METHOD_LABELS[method]}.`,
    layers: [
      {
        inputSize: p.inputSize,
        hiddenSize: H,
        wIh: f32(p.wIh),
        wHh: f32(p.wHh),
        bIh: f32(p.bIh),
        bHh: f32(p.bHh),
      },
    ],
    readout: {
      kind: 'linear',
      layers: [{ inSize: H, outSize: p.classes, weight: f32(p.wOut), bias: f32(p.bOut) }],
    },
    fixedPoint: fixedPointFor(p),
    trainedThresholds: { thetaX: [delta ? trained.thetaX : 0], thetaH: [delta ? trained.thetaH : 0] },
    task: DIGITS_TASK,
    outputAt: 'last',
    features: { ...spec },
    provenance: prov,
  };
}

export function toPack(name: string, examples: Example[], spec: LogMelSpec, prov: Provenance): SamplePack {
  const total = examples.reduce((s, e) => s + e.codes.length, 0);
  const frames = new Int8Array(total);
  let offset = 0;
  const items = examples.map((e) => {
    frames.set(e.codes, offset);
    const item = {
      id: e.file.id,
      offset: offset / spec.bands,
      length: e.length,
      label: e.file.digit,
      speaker: e.file.speaker,
      take: e.file.take,
    };
    offset += e.codes.length;
    return item;
  });
  return {
    name,
    task: DIGITS_TASK,
    activation: spec.activation,
    inputSize: spec.bands,
    features: { ...spec },
    items,
    frames,
    provenance: prov,
  };
}

// From the trained GRU stack to the lab's Model, and from connected strings to SamplePacks
// (label sequences, CTC task with the blank last).
import type { LogMelSpec } from '../../../src/engine/features/logmel';
import type { FixedPointSpec, Model, Provenance, SamplePack, TaskMeta } from '../../../src/engine/types';
import { FSDD_ATTRIBUTION, FSDD_LICENSE, fixedPointFor } from '../export';
import type { ConnectedExample } from './data';
import { CONNECTED_LABELS, type ConnectedMethod } from './hyper';
import { BLANK } from './jobs-ctc';
import type { StackParams } from './stack';

export const CONNECTED_TASK: TaskMeta = {
  kind: 'classification',
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'blank'],
  ctc: { blank: BLANK },
};

/** The digits models' 16-bit weight format, with the integer bits the widest layer needs. */
export function stackFixedPoint(p: StackParams): FixedPointSpec {
  const specs = p.layers.map((l) =>
    fixedPointFor({ ...l, classes: 0, wOut: new Float64Array(0), bOut: new Float64Array(0) }),
  );
  return specs.reduce((a, b) => (b.weightFrac < a.weightFrac ? b : a));
}

export function connectedProvenance(method: string, seed: number, notes: string): Provenance {
  return {
    dataset:
      'Connected digit strings composed from FSDD v1.0.9 recordings (one speaker per string; train takes 10-49, validation 5-9, test 0-4)',
    trainingMethod: method,
    seed,
    license: FSDD_LICENSE,
    attribution: FSDD_ATTRIBUTION,
    createdBy: 'tools/train-connected.ts',
    notes,
  };
}

export function toConnectedModel(
  p: StackParams,
  method: ConnectedMethod,
  spec: LogMelSpec,
  trained: { thetaX: number; thetaH: number },
  prov: Provenance,
): Model {
  const f32 = (a: Float64Array) => Float32Array.from(a);
  const delta = method === 'delta-l1';
  const sizes = p.layers.map((l) => l.hiddenSize).join('+');
  const top = p.layers[p.layers.length - 1].hiddenSize;
  return {
    name: method === 'dense' ? 'connected-dense' : 'connected-delta',
    description: `Connected digit strings (FSDD), ${p.layers.length} stacked GRU layers H=${sizes} on ${spec.bands} log-mel bands, CTC per frame (10 digits + blank). ${CONNECTED_LABELS[method]}.`,
    layers: p.layers.map((l) => ({
      inputSize: l.inputSize,
      hiddenSize: l.hiddenSize,
      wIh: f32(l.wIh),
      wHh: f32(l.wHh),
      bIh: f32(l.bIh),
      bHh: f32(l.bHh),
    })),
    readout: {
      kind: 'linear',
      layers: [{ inSize: top, outSize: p.classes, weight: f32(p.wOut), bias: f32(p.bOut) }],
    },
    fixedPoint: stackFixedPoint(p),
    trainedThresholds: {
      thetaX: p.layers.map(() => (delta ? trained.thetaX : 0)),
      thetaH: p.layers.map(() => (delta ? trained.thetaH : 0)),
    },
    task: CONNECTED_TASK,
    outputAt: 'every',
    features: { ...spec },
    provenance: prov,
  };
}

export function toConnectedPack(
  name: string,
  examples: ConnectedExample[],
  spec: LogMelSpec,
  prov: Provenance,
): SamplePack {
  const total = examples.reduce((s, e) => s + e.codes.length, 0);
  const frames = new Int8Array(total);
  let offset = 0;
  const items = examples.map((e) => {
    frames.set(e.codes, offset);
    const item = {
      id: e.id,
      offset: offset / spec.bands,
      length: e.length,
      label: -1,
      labels: e.labels,
      speaker: e.speaker,
    };
    offset += e.codes.length;
    return item;
  });
  return {
    name,
    task: CONNECTED_TASK,
    activation: spec.activation,
    inputSize: spec.bands,
    features: { ...spec },
    items,
    frames,
    provenance: prov,
  };
}

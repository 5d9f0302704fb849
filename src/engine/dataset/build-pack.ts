// A RawSet to a validated SamplePack for one model: frame width checked against the model's input
// size, real values quantized to the activation format (saturations counted), labels checked
// against the task; the pack format's own checks run last.
import { quantize, type SatCounter } from '../fixed';
import { FormatError } from '../format/errors';
import { decodePack, encodePack } from '../format/pack';
import type { Provenance, QFormat, SampleItem, SamplePack, TaskMeta } from '../types';
import type { RawSet } from './raw-set';

export interface PackTarget {
  name: string;
  inputSize: number;
  activation: QFormat;
  task: TaskMeta;
  features?: Record<string, unknown>;
  provenance?: Provenance;
}

export interface BuiltPack {
  pack: SamplePack;
  /** Real input values clamped to the format's range while quantizing. */
  saturated: number;
  values: number;
}

export function buildPack(set: RawSet, t: PackTarget): BuiltPack {
  if (set.features !== t.inputSize) {
    throw new FormatError(
      'inconsistent',
      `the data has ${set.features} features per frame, the model takes ${t.inputSize}`,
    );
  }
  if (set.sequences.length === 0) throw new FormatError('inconsistent', 'the data holds no sequences');
  const F = t.inputSize;
  const frameCount = set.sequences.reduce((s, q) => s + q.length, 0);
  const frames = new Int8Array(frameCount * F);
  const outputs = t.task.kind === 'regression' ? t.task.outputNames.length : 0;
  const targets = outputs ? new Float32Array(frameCount * outputs) : undefined;
  const sat: SatCounter = { count: 0 };
  const items: SampleItem[] = [];
  let offset = 0;
  for (const [k, s] of set.sequences.entries()) {
    const src = s.frames;
    const at = offset * F;
    if (src instanceof Int8Array) frames.set(src.subarray(0, s.length * F), at);
    else {
      for (let i = 0; i < s.length * F; i++) {
        if (!Number.isFinite(src[i])) {
          throw new FormatError(
            'non-finite',
            `sequence ${k} ("${s.id}") frame ${Math.floor(i / F)} holds ${src[i]}`,
          );
        }
        frames[at + i] = quantize(src[i], t.activation.fracBits, 8, 'nearest', sat);
      }
    }
    if (t.task.kind === 'classification') {
      if (!Number.isInteger(s.label) || s.label < 0 || s.label >= t.task.classNames.length) {
        throw new FormatError(
          'inconsistent',
          `sequence ${k} ("${s.id}") has label ${s.label}; the model has ${t.task.classNames.length} classes (0-${t.task.classNames.length - 1})`,
        );
      }
    } else {
      if (!s.targets || s.targets.length !== s.length * outputs) {
        throw new FormatError(
          'inconsistent',
          `sequence ${k} ("${s.id}") needs ${outputs} regression target(s) per frame`,
        );
      }
      targets!.set(s.targets, offset * outputs);
    }
    items.push({
      id: s.id,
      offset,
      length: s.length,
      label: t.task.kind === 'classification' ? s.label : -1,
    });
    offset += s.length;
  }
  const pack: SamplePack = {
    name: t.name,
    task: t.task,
    activation: t.activation,
    inputSize: F,
    features: t.features ?? {},
    items,
    frames,
    ...(targets && { targets }),
    provenance: t.provenance ?? {
      dataset: t.name,
      trainingMethod: 'none',
      seed: 0,
      license: 'unknown',
      attribution: 'imported by the user',
      createdBy: 'DeltaLab data import',
    },
  };
  // The pack format's own checks: ids, lengths, limits, finite targets.
  return {
    pack: decodePack(encodePack(pack, { compression: 'none' })),
    saturated: sat.count,
    values: frames.length,
  };
}

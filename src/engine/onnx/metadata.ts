// DeltaLab's own description of a model (everything but the weights and the architecture), kept in
// the ONNX metadata_props under one key so an exported model comes back identical. Files from other
// tools lack it and get defaults; its fields are validated with the model on import.
import { cnnSpecOf } from '../cnn/shapes';
import type { CnnSpec } from '../cnn/types';
import type { Model } from '../types';

export const METADATA_KEY = 'deltalab.model';

export type ModelMeta = Pick<
  Model,
  'name' | 'description' | 'fixedPoint' | 'trainedThresholds' | 'task' | 'features' | 'provenance'
> & {
  /** The CNN front end's architecture and fixed-point formats (its weights are in the graph). */
  cnn?: CnnSpec;
};

export function metaOf(m: Model): ModelMeta {
  const { name, description, fixedPoint, trainedThresholds, task, features, provenance } = m;
  return {
    name,
    description,
    fixedPoint,
    trainedThresholds,
    task,
    features,
    provenance,
    ...(m.cnn && { cnn: cnnSpecOf(m.cnn) }),
  };
}

/** The stored metadata as an object of unknown fields (validated later), or undefined. */
export function readMeta(
  props: { key: string; value: string }[],
): Partial<Record<keyof ModelMeta, unknown>> | undefined {
  const entry = props.find((p) => p.key === METADATA_KEY);
  if (!entry) return undefined;
  try {
    const v: unknown = JSON.parse(entry.value);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

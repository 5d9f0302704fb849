// From the trained CNN and GRU to the lab's Model and SamplePack (regression, steering in degrees).
import { clipDigest, type DrivingClip, FPS, FRAME_HEIGHT, FRAME_WIDTH } from '../../../src/data/driving';
import { Q2_5 } from '../../../src/engine/cnn';
import type { Cnn } from '../../../src/engine/cnn/types';
import type { Model, Provenance, SamplePack, TaskMeta } from '../../../src/engine/types';
import { fixedPointFor } from '../export';
import type { GruParams } from '../gru';
import { DRIVING_LABELS, type DrivingMethod } from './methods';

export const DRIVING_TASK: TaskMeta = { kind: 'regression', units: 'degrees', outputNames: ['steering'] };

export const SIMULATED_NOTE =
  'SIMULATED: clips rendered by the DeltaLab road simulator (src/data/driving), not real driving video.';

/** What a page needs to re-render the pack's frames and run the model on them. */
export function drivingFeatures(cnnFeatures: number): Record<string, unknown> {
  return {
    kind: 'driving-sim-cnn',
    simulated: true,
    simulator: 'src/data/driving (renderClip)',
    width: FRAME_WIDTH,
    height: FRAME_HEIGHT,
    fps: FPS,
    features: cnnFeatures,
    format: 'Q2.5 codes of the model CNN’s last layer',
  };
}

export function drivingProvenance(method: string, seed: number, notes: string): Provenance {
  return {
    dataset: 'Simulated driving clips (DeltaLab road simulator), seeded; no real video',
    trainingMethod: method,
    seed,
    license: 'MIT',
    attribution: `${SIMULATED_NOTE} Trained and exported by DeltaLab.`,
    createdBy: 'tools/train-driving.ts',
    notes,
  };
}

/**
 * The GRU (readout scaled back from fitted units to degrees) behind the CNN. Its features are
 * the CNN's Q2.5 codes, so the activation format is Q2.5 (the paper's driving format).
 */
export function toDrivingModel(
  p: GruParams,
  method: DrivingMethod,
  cnn: Cnn,
  scale: number,
  trained: { thetaX: number; thetaH: number },
  prov: Provenance,
): Model {
  const H = p.hiddenSize;
  const f32 = (a: Float64Array, k = 1) => Float32Array.from(a, (v) => v * k);
  const delta = method !== 'dense';
  return {
    name: `driving-${method}`,
    description: `Steering from simulated driving video: CNN (${FRAME_WIDTH}x${FRAME_HEIGHT} grey) → ${p.inputSize} Q2.5 features → 1-layer GRU H=${H}. ${DRIVING_LABELS[method]}. Simulated data.`,
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
      layers: [{ inSize: H, outSize: 1, weight: f32(p.wOut, scale), bias: f32(p.bOut, scale) }],
    },
    fixedPoint: { ...fixedPointFor(p), activation: Q2_5 },
    trainedThresholds: { thetaX: [delta ? trained.thetaX : 0], thetaH: [delta ? trained.thetaH : 0] },
    task: DRIVING_TASK,
    outputAt: 'every',
    features: drivingFeatures(p.inputSize),
    provenance: prov,
    cnn,
  };
}

/** Clips as a pack: the CNN's codes per frame, steering targets, and seeds + digests to re-render. */
export function toDrivingPack(
  name: string,
  clips: DrivingClip[],
  codes: Int8Array[],
  features: number,
  prov: Provenance,
): SamplePack {
  const total = codes.reduce((s, c) => s + c.length, 0);
  const frames = new Int8Array(total);
  const targets = new Float32Array(total / features);
  let offset = 0;
  const items = clips.map((clip, k) => {
    frames.set(codes[k], offset * features);
    targets.set(clip.steering, offset);
    const item = { id: `seed-${clip.seed}`, offset, length: clip.steering.length, label: -1 };
    offset += clip.steering.length;
    return item;
  });
  return {
    name,
    task: DRIVING_TASK,
    activation: Q2_5,
    inputSize: features,
    features: {
      ...drivingFeatures(features),
      clips: clips.map((c) => ({ seed: c.seed, frames: c.steering.length, digest: clipDigest(c) })),
    },
    items,
    frames,
    targets,
    provenance: prov,
  };
}

// A tiny simulated-driving model (seeded CNN + GRU) and a pack of short clips rendered by the road
// simulator, built the way tools/train-driving.ts builds the real ones: codes from cnnFeatureSequence.
import { clipDigest, renderClip } from '../../../src/data/driving';
import { cnnFeatureSequence, compileCnn, Q2_5 } from '../../../src/engine/cnn';
import type { Cnn } from '../../../src/engine/cnn/types';
import { encodeModel, encodePack } from '../../../src/engine/format/index';
import { mulberry32 } from '../../../src/engine/random';
import { DEFAULT_FIXED_POINT, randomModel } from '../../../src/engine/random-model';
import type { Model, SamplePack, TaskMeta } from '../../../src/engine/types';

export const FEATURES = 8;
export const CLIP_SEEDS = [200_000, 200_001];
export const CLIP_FRAMES = 40;
const TASK: TaskMeta = { kind: 'regression', units: 'degrees', outputNames: ['steering'] };

function uniform(rng: () => number, n: number, scale: number): Float32Array {
  return Float32Array.from({ length: n }, () => (2 * rng() - 1) * scale);
}

export function tinyCnn(seed = 7): Cnn {
  const rng = mulberry32(seed);
  return {
    width: 64,
    height: 32,
    weightBits: 8,
    accumulatorBits: 32,
    rounding: 'nearest',
    layers: [
      {
        kind: 'conv',
        kernel: 5,
        stride: 4,
        pad: 2,
        channels: 4,
        relu: true,
        weightFrac: 7,
        outFrac: 5,
        weight: uniform(rng, 4 * 25, 0.2),
        bias: uniform(rng, 4, 0.1),
      },
      {
        kind: 'dense',
        size: FEATURES,
        relu: true,
        weightFrac: 7,
        outFrac: 5,
        weight: uniform(rng, FEATURES * 512, 0.05),
        bias: uniform(rng, FEATURES, 0.3),
      },
    ],
  };
}

export function drivingModel(): Model {
  const base = randomModel({ inputSize: FEATURES, hiddenSizes: [16], outputs: 1, seed: 3, gain: 1.5 });
  return {
    ...base,
    name: 'tiny-driving',
    fixedPoint: { ...DEFAULT_FIXED_POINT, activation: Q2_5 },
    task: TASK,
    outputAt: 'every',
    // A readout in degrees, so the car's steering commands are of the size the driver's are.
    readout: {
      kind: 'linear',
      layers: [{ ...base.readout.layers[0], weight: base.readout.layers[0].weight.map((w) => w * 20) }],
    },
    cnn: tinyCnn(),
  };
}

export function drivingPack(model: Model = drivingModel(), tamper?: (p: SamplePack) => void): SamplePack {
  const compiled = compileCnn(model.cnn!);
  const clips = CLIP_SEEDS.map((seed) => renderClip({ seed, frames: CLIP_FRAMES }));
  const codes = clips.map((c) => cnnFeatureSequence(compiled, c.frames));
  const frames = new Int8Array(clips.length * CLIP_FRAMES * FEATURES);
  const targets = new Float32Array(clips.length * CLIP_FRAMES);
  codes.forEach((c, k) => {
    frames.set(c, k * CLIP_FRAMES * FEATURES);
    targets.set(clips[k].steering, k * CLIP_FRAMES);
  });
  const pack: SamplePack = {
    name: 'tiny-driving-pack',
    task: TASK,
    activation: Q2_5,
    inputSize: FEATURES,
    features: {
      kind: 'driving-sim-cnn',
      simulated: true,
      clips: clips.map((c) => ({ seed: c.seed, frames: CLIP_FRAMES, digest: clipDigest(c) })),
    },
    items: clips.map((c, k) => ({
      id: `seed-${c.seed}`,
      offset: k * CLIP_FRAMES,
      length: CLIP_FRAMES,
      label: -1,
    })),
    frames,
    targets,
    provenance: base(),
  };
  tamper?.(pack);
  return pack;
}

function base() {
  return {
    dataset: 'simulated (test fixture)',
    trainingMethod: 'none',
    seed: 0,
    license: 'MIT',
    attribution: 'DeltaLab tests',
    createdBy: 'tests/unit/workers/driving-fixtures.ts',
  };
}

const buffer = (u: Uint8Array): ArrayBuffer => u.slice().buffer;
export const drivingModelBytes = (m: Model = drivingModel()): ArrayBuffer => buffer(encodeModel(m));
export const drivingPackBytes = (p: SamplePack = drivingPack()): ArrayBuffer => buffer(encodePack(p));

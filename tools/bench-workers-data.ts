// Stand-in for the spoken-digit test set until the trained models ship: a seeded random GRU of the
// shipped shape (40 log-mel inputs, 128 hidden, 10 classes) and 300 smooth 45-frame sequences in Q3.4.
import { encodeModel, encodePack } from '../src/engine/format/index';
import { gaussian, mulberry32 } from '../src/engine/random';
import { randomModel } from '../src/engine/random-model';
import type { SampleItem, TaskMeta } from '../src/engine/types';

export const STAND_IN = {
  inputSize: 40,
  hiddenSize: 128,
  items: 300,
  steps: 45,
  classes: 10,
  gain: 3,
  seed: 4242,
};

const ACTIVATION = { intBits: 3, fracBits: 4 };

export function standInModel(): Uint8Array {
  const m = randomModel({
    inputSize: STAND_IN.inputSize,
    hiddenSizes: [STAND_IN.hiddenSize],
    outputs: STAND_IN.classes,
    // Strong recurrent weights keep the hidden state moving, as in a trained network (gain 1 lets it settle).
    gain: STAND_IN.gain,
    seed: STAND_IN.seed,
  });
  return encodeModel({
    ...m,
    name: 'bench-stand-in',
    description: 'Random weights of the digits shape (benchmark only).',
  });
}

/** Log-mel-like frames: per-band levels drifting slowly, with occasional jumps (syllable onsets). */
export function standInPack(): Uint8Array {
  const { inputSize: I, items: N, steps: T, classes } = STAND_IN;
  const rng = mulberry32(STAND_IN.seed + 1);
  const frames = new Int8Array(N * T * I);
  const items: SampleItem[] = [];
  const level = new Float64Array(I);
  for (let k = 0; k < N; k++) {
    items.push({ id: `bench-${k}`, offset: k * T, length: T, label: k % classes });
    for (let i = 0; i < I; i++) level[i] = gaussian(rng);
    for (let t = 0; t < T; t++) {
      const jump = rng() < 0.05;
      for (let i = 0; i < I; i++) {
        level[i] = jump ? gaussian(rng) : level[i] + 0.15 * gaussian(rng);
        const code = Math.round(level[i] * 16);
        frames[(k * T + t) * I + i] = Math.max(-128, Math.min(127, code));
      }
    }
  }
  const task: TaskMeta = {
    kind: 'classification',
    classNames: Array.from({ length: classes }, (_, c) => `${c}`),
  };
  return encodePack({
    name: 'bench-stand-in-pack',
    task,
    activation: ACTIVATION,
    inputSize: I,
    features: { kind: 'synthetic-benchmark' },
    items,
    frames,
    provenance: {
      dataset: 'synthetic: seeded drifting levels with jumps, quantized to Q3.4 (benchmark only)',
      trainingMethod: 'not applicable',
      seed: STAND_IN.seed,
      license: 'MIT',
      attribution: 'DeltaLab project',
      createdBy: 'tools/bench-workers-data.ts',
    },
  });
}

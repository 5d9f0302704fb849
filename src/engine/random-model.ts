// Seeded random models for tests, the built-in example and benchmarks (never for shipped results).
import { gaussian, mulberry32, type Rng } from './random';
import type { DenseLayer, FixedPointSpec, GruLayer, Model } from './types';

/** The paper's speech format: Q3.4 activations, 8-bit weights, 32-bit accumulators. */
export const DEFAULT_FIXED_POINT: FixedPointSpec = {
  activation: { intBits: 3, fracBits: 4 },
  weightBits: 8,
  weightFrac: 6,
  accumulatorBits: 32,
  rounding: 'nearest',
  gateFrac: 8,
  tableInputFrac: 8,
  tableInputRange: 8,
};

export interface RandomModelOptions {
  inputSize: number;
  hiddenSizes: number[];
  outputs: number;
  readout?: 'linear' | 'mlp';
  /** Standard deviation of weights relative to 1/sqrt(fan-in). */
  gain?: number;
  seed: number;
  fixedPoint?: FixedPointSpec;
}

function fill(rng: Rng, n: number, std: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = gaussian(rng) * std;
  return a;
}

function dense(rng: Rng, inSize: number, outSize: number, gain: number): DenseLayer {
  return {
    inSize,
    outSize,
    weight: fill(rng, inSize * outSize, gain / Math.sqrt(inSize)),
    bias: fill(rng, outSize, 0.1),
  };
}

export function randomModel(o: RandomModelOptions): Model {
  const rng = mulberry32(o.seed);
  const gain = o.gain ?? 1;
  const layers: GruLayer[] = [];
  let inputSize = o.inputSize;
  for (const hiddenSize of o.hiddenSizes) {
    layers.push({
      inputSize,
      hiddenSize,
      wIh: fill(rng, 3 * hiddenSize * inputSize, gain / Math.sqrt(inputSize)),
      wHh: fill(rng, 3 * hiddenSize * hiddenSize, gain / Math.sqrt(hiddenSize)),
      bIh: fill(rng, 3 * hiddenSize, 0.1),
      bHh: fill(rng, 3 * hiddenSize, 0.1),
    });
    inputSize = hiddenSize;
  }
  const top = o.hiddenSizes[o.hiddenSizes.length - 1];
  const readout =
    o.readout === 'mlp'
      ? { kind: 'mlp' as const, layers: [dense(rng, top, top, 1), dense(rng, top, o.outputs, 1)] }
      : { kind: 'linear' as const, layers: [dense(rng, top, o.outputs, 1)] };
  return {
    name: `random-${o.seed}`,
    description: 'Random seeded weights, for tests and examples only.',
    layers,
    readout,
    fixedPoint: o.fixedPoint ?? DEFAULT_FIXED_POINT,
    trainedThresholds: { thetaX: o.hiddenSizes.map(() => 0), thetaH: o.hiddenSizes.map(() => 0) },
    task: { kind: 'classification', classNames: Array.from({ length: o.outputs }, (_, i) => `class ${i}`) },
    outputAt: 'last',
    features: {},
    provenance: {
      dataset: 'none (random weights)',
      trainingMethod: 'none',
      seed: o.seed,
      license: 'MIT',
      attribution: 'DeltaLab',
      createdBy: 'src/engine/random-model.ts',
    },
  };
}

// Writes the tiny built-in example (an untrained random model and a synthetic sample pack) into
// public/models and lists both in manifest.json, so tests and `npm start` work before any training.
// Deterministic: the same seed gives the same bytes. Run with `npm run make:example`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel, encodePack } from '../src/engine/format/index';
import { gaussian, mulberry32, type Rng } from '../src/engine/random';
import { randomModel } from '../src/engine/random-model';
import type { FeatureSpec, Model, SampleItem, SamplePack, TaskMeta } from '../src/engine/types';
import { readManifest, upsertModel, upsertPack, writeManifest } from './lib/manifest';

const OUT_DIR = 'public/models';
const SEED = 2017;
const BANDS = 40;
const HIDDEN = 64;
const ITEMS_PER_CLASS = 12;
const ACTIVATION = { intBits: 3, fracBits: 4 };

const task: TaskMeta = {
  kind: 'classification',
  classNames: ['slow waves', 'fast waves', 'rising', 'falling'],
};

const features: FeatureSpec = {
  kind: 'synthetic-example',
  bands: BANDS,
  generator: 'tools/make-example-model.ts',
  seed: SEED,
};

const CREATED_BY = 'tools/make-example-model.ts';

function exampleModel(): Model {
  const base = randomModel({ inputSize: BANDS, hiddenSizes: [HIDDEN], outputs: 4, seed: SEED });
  return {
    ...base,
    name: 'example-tiny',
    description:
      'A tiny untrained GRU (40 inputs, 64 hidden, 4 classes) with seeded random weights, so the lab runs ' +
      'before any model is trained. Its predictions mean nothing; its costs and sparsity are real.',
    task,
    features,
    provenance: {
      dataset: 'none: random weights, never trained',
      trainingMethod: 'none (seeded random weights)',
      seed: SEED,
      license: 'MIT',
      attribution: 'DeltaLab project',
      createdBy: CREATED_BY,
    },
  };
}

const quantize = (x: number): number =>
  Math.max(-128, Math.min(127, Math.round(x * 2 ** ACTIVATION.fracBits)));

/** One smooth synthetic sequence of class c: a sinusoid mixture over time and bands, or a ramp. */
function sequence(rng: Rng, c: number, length: number): number[][] {
  const cycles = c === 1 ? 3 + 2 * rng() : 0.5 + 0.5 * rng();
  const tilt = (rng() - 0.5) * 2;
  const phase = rng() * 2 * Math.PI;
  const slope = c === 2 ? 4 : c === 3 ? -4 : 0;
  let walk = 0;
  const frames: number[][] = [];
  for (let t = 0; t < length; t++) {
    walk += 0.05 * gaussian(rng);
    const u = t / length;
    const frame: number[] = [];
    for (let b = 0; b < BANDS; b++) {
      const v = b / BANDS;
      const wave = 2 * Math.sin(2 * Math.PI * (cycles * u + 1.5 * v) + phase);
      const ramp = slope * (u - 0.5) + tilt * (v - 0.5);
      frame.push(quantize((slope ? 0.5 * wave : wave) + ramp + walk));
    }
    frames.push(frame);
  }
  return frames;
}

function examplePack(): SamplePack {
  const rng = mulberry32(SEED + 1);
  const items: SampleItem[] = [];
  const codes: number[] = [];
  for (let k = 0; k < ITEMS_PER_CLASS * 4; k++) {
    const label = k % 4;
    const length = 40 + Math.floor(rng() * 11);
    items.push({ id: `example-${String(k).padStart(3, '0')}`, offset: codes.length / BANDS, length, label });
    for (const frame of sequence(rng, label, length)) codes.push(...frame);
  }
  return {
    name: 'example-pack',
    task,
    activation: ACTIVATION,
    inputSize: BANDS,
    features,
    items,
    frames: Int8Array.from(codes),
    provenance: {
      dataset: 'synthetic: seeded sinusoid mixtures and ramps with a random walk, quantized to Q3.4',
      trainingMethod: 'not applicable (evaluation data)',
      seed: SEED,
      license: 'MIT',
      attribution: 'DeltaLab project',
      createdBy: CREATED_BY,
    },
  };
}

mkdirSync(OUT_DIR, { recursive: true });
const model = encodeModel(exampleModel());
const pack = encodePack(examplePack());
writeFileSync(join(OUT_DIR, 'example-tiny.dlm'), model);
writeFileSync(join(OUT_DIR, 'example-pack.dlp'), pack);
const manifestPath = join(OUT_DIR, 'manifest.json');
let manifest = readManifest(manifestPath);
manifest = upsertPack(manifest, {
  id: 'example-pack',
  task: 'example',
  label: 'Synthetic example sequences',
  file: 'example-pack.dlp',
});
manifest = upsertModel(manifest, {
  id: 'example-tiny',
  task: 'example',
  method: 'example',
  label: 'Example: random weights, untrained',
  file: 'example-tiny.dlm',
  pack: 'example-pack',
});
writeManifest(manifestPath, manifest);
console.log(
  `wrote example-tiny.dlm (${model.length} bytes), example-pack.dlp (${pack.length} bytes), manifest.json`,
);

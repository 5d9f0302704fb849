// Any evaluation-data file the lab or a tool is handed, told by its first bytes: a DeltaLab pack
// (.dlp) as it is, NumPy or CSV data built into a pack for the given model.

import { MAGIC } from '../format/container';
import { FormatError } from '../format/errors';
import { decodePack } from '../format/pack';
import type { Model } from '../types';
import type { BuiltPack } from './build-pack';
import { importDataset } from './import';

export interface PackFileOptions {
  /** The model NumPy/CSV data is for (input size, activation format, task). */
  model?: Model;
  /** A separate labels .npy for a .npy of features. */
  labels?: Uint8Array;
  /** The pack's name when the data carries none. */
  name?: string;
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  return bytes.length >= 4 && [...magic].every((c, k) => bytes[k] === c.charCodeAt(0));
}

/** The pack, with the real values clamped while quantizing NumPy/CSV data (none for a .dlp, which holds codes). */
export function readPackFile(bytes: Uint8Array, opts: PackFileOptions = {}): BuiltPack {
  if (startsWith(bytes, MAGIC.pack) || startsWith(bytes, MAGIC.model))
    return { pack: decodePack(bytes), saturated: 0, values: 0 };
  if (!opts.model) {
    throw new FormatError(
      'inconsistent',
      'NumPy and CSV data are read for a model: choose or load the model first',
    );
  }
  const m = opts.model;
  return importDataset(
    { data: bytes, labels: opts.labels },
    {
      name: opts.name ?? 'imported data',
      inputSize: m.layers[0].inputSize,
      activation: m.fixedPoint.activation,
      task: m.task,
      features: m.features,
    },
  );
}

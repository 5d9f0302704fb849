// Any evaluation-data file the lab or a tool is handed, told by its first bytes: a DeltaLab pack
// (.dlp) as it is, NumPy or CSV data built into a pack for the given model.

import { MAGIC } from '../format/container';
import { FormatError } from '../format/errors';
import { decodePack } from '../format/pack';
import type { Model, SamplePack } from '../types';
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

export function readPackFile(bytes: Uint8Array, opts: PackFileOptions = {}): SamplePack {
  if (startsWith(bytes, MAGIC.pack) || startsWith(bytes, MAGIC.model)) return decodePack(bytes);
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
  ).pack;
}

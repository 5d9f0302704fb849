// Any model file, told by its first bytes: a DeltaLab model (.dlm) as it is, anything else as ONNX,
// quantized to the chosen activation format (quantize.ts).

import { MAGIC } from '../format/container';
import { decodeModel } from '../format/model';
import type { Model } from '../types';
import { type ActivationDecision, importOnnxQuantized, type QuantizeOptions } from './quantize';

export interface ModelFile {
  model: Model;
  /** ONNX only: the activation format and how it was chosen (a .dlm keeps the one it was trained in). */
  decision?: ActivationDecision;
}

export function openModelFile(bytes: Uint8Array, opts: Partial<QuantizeOptions> = {}): ModelFile {
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  // A pack handed over as a model goes to decodeModel too, which says what it is.
  if (head === MAGIC.model || head === MAGIC.pack) return { model: decodeModel(bytes) };
  return importOnnxQuantized(bytes, { ...opts, choice: opts.choice ?? 'auto' });
}

export function readModelFile(bytes: Uint8Array, opts: Partial<QuantizeOptions> = {}): Model {
  return openModelFile(bytes, opts).model;
}

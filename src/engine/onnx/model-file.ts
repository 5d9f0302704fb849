// Any model file, told by its first bytes: a DeltaLab model (.dlm) as it is, anything else as ONNX.

import { MAGIC } from '../format/container';
import { decodeModel } from '../format/model';
import type { Model } from '../types';
import { importOnnx, type OnnxImportOptions } from './import';

export function readModelFile(bytes: Uint8Array, opts: OnnxImportOptions = {}): Model {
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  // A pack handed over as a model goes to decodeModel too, which says what it is.
  if (head === MAGIC.model || head === MAGIC.pack) return decodeModel(bytes);
  return importOnnx(bytes, opts);
}

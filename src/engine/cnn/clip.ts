// A whole clip through the CNN: the GRU's input sequence (frame-major feature codes), as a sample
// pack stores it.
import { type CompiledCnn, cnnForwardFixed } from './fixed';
import { shapeSize } from './shapes';

/** Features of every frame of `frames` (T x height x width) as int8 codes, T x featureCount. */
export function cnnFeatureSequence(c: CompiledCnn, frames: Uint8Array): Int8Array {
  const px = shapeSize(c.shapes[0]);
  const nf = shapeSize(c.shapes[c.shapes.length - 1]);
  const T = frames.length / px;
  if (!Number.isInteger(T))
    throw new Error(`cnn: ${frames.length} pixels are not whole ${c.cnn.height}x${c.cnn.width} frames`);
  const out = new Int8Array(T * nf);
  for (let t = 0; t < T; t++)
    cnnForwardFixed(c, frames.subarray(t * px, (t + 1) * px), out.subarray(t * nf, (t + 1) * nf));
  return out;
}

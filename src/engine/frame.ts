// Puts one input frame into the layer-0 input buffer in state units: Int8Array frames are activation
// codes (as stored in sample packs), Float32Array frames are real values.
import type { CompiledModel } from './compile';
import type { Scratch } from './scratch';

export type Frames = Float32Array | Int8Array;

export function loadFrame(cm: CompiledModel, sc: Scratch, frames: Frames, frame: number): void {
  const I = cm.inputSize;
  const o = frame * I;
  const x = sc.input;
  const fx = cm.fixed;
  if (frames instanceof Int8Array) {
    const scale = cm.codeScale;
    for (let i = 0; i < I; i++) x[i] = frames[o + i] * scale;
    return;
  }
  if (!fx) {
    for (let i = 0; i < I; i++) x[i] = frames[o + i];
    return;
  }
  const up = 2 ** fx.spec.activation.fracBits;
  const bias = fx.bias;
  let sat = 0;
  for (let i = 0; i < I; i++) {
    let c = Math.floor(frames[o + i] * up + bias);
    if (c > 127) {
      c = 127;
      sat++;
    } else if (c < -128) {
      c = -128;
      sat++;
    }
    x[i] = c;
  }
  sc.layers[0].actSat += sat;
}

/** Throws unless frames hold `length` frames from frame `offset`. */
export function checkFrames(cm: CompiledModel, frames: Frames, offset: number, length: number): void {
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0) {
    throw new RangeError(`bad frame range: offset ${offset}, length ${length}`);
  }
  if ((offset + length) * cm.inputSize > frames.length) {
    throw new RangeError(
      `frames hold ${Math.floor(frames.length / cm.inputSize)} frames of ${cm.inputSize}, ` +
        `asked for ${length} from ${offset}`,
    );
  }
}

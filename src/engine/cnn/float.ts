// The float forward pass: the reference the fixed-point pass is measured against.
import { convAcc, denseAcc, maxPool } from './kernels';
import { checkCnn, shapeSize } from './shapes';
import type { Cnn, Shape } from './types';

interface FloatPlan {
  shapes: Shape[];
  /** Per layer: weights and biases as float64 (null for pooling), and its output buffer. */
  weights: ({ w: Float64Array; b: Float64Array } | null)[];
  bufs: Float64Array[];
  input: Float64Array;
}

// Checked and converted once per CNN object; a CNN's weights are not edited after it is first run.
const plans = new WeakMap<Cnn, FloatPlan>();

function planOf(cnn: Cnn): FloatPlan {
  let p = plans.get(cnn);
  if (!p) {
    const shapes = checkCnn(cnn);
    p = {
      shapes,
      weights: cnn.layers.map((l) =>
        l.kind === 'maxpool' ? null : { w: Float64Array.from(l.weight), b: Float64Array.from(l.bias) },
      ),
      bufs: shapes.slice(1).map((s) => new Float64Array(shapeSize(s))),
      input: new Float64Array(shapeSize(shapes[0])),
    };
    plans.set(cnn, p);
  }
  return p;
}

function checkIo(shapes: Shape[], frame: Uint8Array, outLength: number): void {
  const want = shapeSize(shapes[0]);
  if (frame.length !== want) {
    throw new Error(`cnn: frame has ${frame.length} pixels, expected ${shapes[0].height}x${shapes[0].width}`);
  }
  const features = shapeSize(shapes[shapes.length - 1]);
  if (outLength !== features)
    throw new Error(`cnn: output has room for ${outLength} features, expected ${features}`);
}

/** Every layer's float output for one frame (index l is layer l's output), for tests and tools. */
export function cnnActivationsFloat(cnn: Cnn, frame: Uint8Array): Float64Array[] {
  const p = planOf(cnn);
  checkIo(p.shapes, frame, shapeSize(p.shapes[p.shapes.length - 1]));
  for (let i = 0; i < frame.length; i++) p.input[i] = (frame[i] - 128) / 128;
  let x = p.input;
  cnn.layers.forEach((l, i) => {
    const s = p.shapes[i];
    const out = p.bufs[i];
    const wb = p.weights[i];
    if (l.kind === 'maxpool') maxPool(x, s, l.size, l.stride, out);
    else if (l.kind === 'conv') convAcc(x, s, wb!.w, wb!.b, l, out);
    else denseAcc(x, shapeSize(s), wb!.w, wb!.b, out);
    if (l.kind !== 'maxpool' && l.relu) for (let k = 0; k < out.length; k++) if (out[k] < 0) out[k] = 0;
    x = out;
  });
  return p.bufs;
}

/** The penultimate features (the last layer's output, flattened) of one grey frame, in float. */
export function cnnForwardFloat(cnn: Cnn, frame: Uint8Array, out: Float32Array): void {
  const p = planOf(cnn);
  checkIo(p.shapes, frame, out.length);
  const acts = cnnActivationsFloat(cnn, frame);
  out.set(acts[acts.length - 1]);
}

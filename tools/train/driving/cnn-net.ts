// The CNN as the trainer sees it: float64 parameters, a forward pass that uses the engine's own
// kernels (so training computes exactly what cnnForwardFloat computes) and hand-written
// backpropagation, one frame at a time, gradients summed over a minibatch.
import { convAcc, denseAcc, maxPool } from '../../../src/engine/cnn/kernels';
import { cnnShapes, shapeSize, sweepSide } from '../../../src/engine/cnn/shapes';
import type { CnnSpec, Shape } from '../../../src/engine/cnn/types';
import { gaussian, type Rng } from '../../../src/engine/random';

/** Layers without fixed-point formats (chosen at export); every conv and dense layer has a ReLU. */
export type ArchLayer =
  | { kind: 'conv'; kernel: number; stride: number; pad: number; channels: number }
  | { kind: 'maxpool'; size: number; stride: number }
  | { kind: 'dense'; size: number };

export interface CnnArch {
  width: number;
  height: number;
  layers: ArchLayer[];
}

export interface NetLayer {
  spec: ArchLayer;
  inShape: Shape;
  outShape: Shape;
  /** Empty for pooling. */
  w: Float64Array;
  b: Float64Array;
}

/** The CNN's layers plus a linear steering head on the features: y = head · features + headBias. */
export interface Net {
  arch: CnnArch;
  layers: NetLayer[];
  head: Float64Array;
  headBias: Float64Array;
}

/** Per-frame activations of a forward pass, kept for the backward pass. */
export interface Tape {
  input: Float64Array;
  /** Output of layer l (after ReLU). */
  acts: Float64Array[];
  y: number;
}

/** Gradients with the same layout as the parameters. */
export interface Grads {
  w: Float64Array[];
  b: Float64Array[];
  head: Float64Array;
  headBias: Float64Array;
}

/** The arch as an engine spec (formats filled in later by the exporter; irrelevant in float). */
export function archSpec(arch: CnnArch): CnnSpec {
  return {
    width: arch.width,
    height: arch.height,
    weightBits: 8,
    accumulatorBits: 32,
    rounding: 'nearest',
    layers: arch.layers.map((l) =>
      l.kind === 'maxpool' ? l : { ...l, relu: true, weightFrac: 0, outFrac: 0 },
    ),
  };
}

/** He-normal weights (std sqrt(2 / fan-in)), zero biases, a small head. */
export function initNet(arch: CnnArch, rng: Rng): Net {
  const shapes = cnnShapes(archSpec(arch));
  const layers = arch.layers.map((spec, i): NetLayer => {
    const inShape = shapes[i];
    const outShape = shapes[i + 1];
    if (spec.kind === 'maxpool')
      return { spec, inShape, outShape, w: new Float64Array(0), b: new Float64Array(0) };
    const fanIn = spec.kind === 'conv' ? inShape.channels * spec.kernel * spec.kernel : shapeSize(inShape);
    const n = spec.kind === 'conv' ? spec.channels * fanIn : spec.size * fanIn;
    const std = Math.sqrt(2 / fanIn);
    const w = Float64Array.from({ length: n }, () => gaussian(rng) * std);
    return { spec, inShape, outShape, w, b: new Float64Array(outShape.channels) };
  });
  const features = shapeSize(shapes[shapes.length - 1]);
  const head = Float64Array.from({ length: features }, () => (gaussian(rng) * 0.1) / Math.sqrt(features));
  return { arch, layers, head, headBias: new Float64Array(1) };
}

export function newTape(net: Net): Tape {
  return {
    input: new Float64Array(net.arch.width * net.arch.height),
    acts: net.layers.map((l) => new Float64Array(shapeSize(l.outShape))),
    y: 0,
  };
}

export function zeroGrads(net: Net): Grads {
  return {
    w: net.layers.map((l) => new Float64Array(l.w.length)),
    b: net.layers.map((l) => new Float64Array(l.b.length)),
    head: new Float64Array(net.head.length),
    headBias: new Float64Array(1),
  };
}

/**
 * Forward one frame (pixels at `offset` in `frames`); `mirror` flips it left-right, and `light`
 * (training augmentation) maps each pixel p to gain · (p − 128) + shift before the usual scaling.
 * Returns y.
 */
export function forward(
  net: Net,
  frames: Uint8Array,
  offset: number,
  mirror: boolean,
  tape: Tape,
  light: { gain: number; shift: number } = { gain: 1, shift: 0 },
): number {
  const { width: W, height: H } = net.arch;
  const x0 = tape.input;
  const { gain, shift } = light;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = frames[offset + y * W + (mirror ? W - 1 - x : x)];
      x0[y * W + x] = (gain * (p - 128) + shift) / 128;
    }
  }
  let x = x0;
  net.layers.forEach((l, i) => {
    const out = tape.acts[i];
    if (l.spec.kind === 'maxpool') maxPool(x, l.inShape, l.spec.size, l.spec.stride, out);
    else {
      if (l.spec.kind === 'conv')
        convAcc(x, l.inShape, l.w, l.b, { ...l.spec, relu: true, weightFrac: 0, outFrac: 0 }, out);
      else denseAcc(x, shapeSize(l.inShape), l.w, l.b, out);
      for (let k = 0; k < out.length; k++) if (out[k] < 0) out[k] = 0;
    }
    x = out;
  });
  let y = net.headBias[0];
  for (let k = 0; k < x.length; k++) y += net.head[k] * x[k];
  tape.y = y;
  return y;
}

/** The output columns ox whose tap k lands inside the input row: [lo, hi) (as the engine's kernel). */
function validRange(
  inSide: number,
  outSide: number,
  k: number,
  stride: number,
  pad: number,
): [number, number] {
  const lo = Math.max(0, Math.ceil((pad - k) / stride));
  const hi = Math.min(outSide, Math.floor((inSide - 1 + pad - k) / stride) + 1);
  return [lo, Math.max(lo, hi)];
}

function convBackward(
  l: NetLayer & { spec: { kind: 'conv' } },
  x: Float64Array,
  g: Float64Array,
  gw: Float64Array,
  gb: Float64Array,
  gx: Float64Array | null,
): void {
  const { kernel: k, stride, pad, channels } = l.spec;
  const s = l.inShape;
  const Ho = sweepSide(s.height, k, stride, pad);
  const Wo = sweepSide(s.width, k, stride, pad);
  const plane = Ho * Wo;
  for (let oc = 0; oc < channels; oc++) {
    const o0 = oc * plane;
    let sb = 0;
    for (let o = o0; o < o0 + plane; o++) sb += g[o];
    gb[oc] += sb;
    for (let ic = 0; ic < s.channels; ic++) {
      const x0 = ic * s.height * s.width;
      const w0 = (oc * s.channels + ic) * k * k;
      for (let ky = 0; ky < k; ky++) {
        const [yLo, yHi] = validRange(s.height, Ho, ky, stride, pad);
        for (let kx = 0; kx < k; kx++) {
          const [xLo, xHi] = validRange(s.width, Wo, kx, stride, pad);
          const wv = l.w[w0 + ky * k + kx];
          let sw = 0;
          for (let oy = yLo; oy < yHi; oy++) {
            const row = x0 + (oy * stride - pad + ky) * s.width - pad + kx;
            const o = o0 + oy * Wo;
            if (gx) {
              for (let ox = xLo; ox < xHi; ox++) {
                const gv = g[o + ox];
                sw += gv * x[row + ox * stride];
                gx[row + ox * stride] += wv * gv;
              }
            } else {
              for (let ox = xLo; ox < xHi; ox++) sw += g[o + ox] * x[row + ox * stride];
            }
          }
          gw[w0 + ky * k + kx] += sw;
        }
      }
    }
  }
}

function poolBackward(
  l: NetLayer & { spec: { kind: 'maxpool' } },
  x: Float64Array,
  g: Float64Array,
  gx: Float64Array,
): void {
  const { size, stride } = l.spec;
  const s = l.inShape;
  const Ho = l.outShape.height;
  const Wo = l.outShape.width;
  let o = 0;
  for (let c = 0; c < s.channels; c++) {
    const x0 = c * s.height * s.width;
    for (let oy = 0; oy < Ho; oy++) {
      for (let ox = 0; ox < Wo; ox++) {
        // The first maximum in scan order takes the whole gradient (as the forward's strict '>').
        let best = -1;
        let m = -Infinity;
        for (let dy = 0; dy < size; dy++) {
          const row = x0 + (oy * stride + dy) * s.width + ox * stride;
          for (let dx = 0; dx < size; dx++) {
            if (x[row + dx] > m) {
              m = x[row + dx];
              best = row + dx;
            }
          }
        }
        gx[best] += g[o++];
      }
    }
  }
}

function denseBackward(
  l: NetLayer,
  x: Float64Array,
  g: Float64Array,
  gw: Float64Array,
  gb: Float64Array,
  gx: Float64Array | null,
): void {
  const n = x.length;
  const m = g.length;
  for (let j = 0; j < m; j++) {
    const gv = g[j];
    gb[j] += gv;
    if (gv === 0) continue;
    const w0 = j * n;
    for (let k = 0; k < n; k++) gw[w0 + k] += gv * x[k];
    if (gx) for (let k = 0; k < n; k++) gx[k] += l.w[w0 + k] * gv;
  }
}

/** Scratch for backward: one gradient buffer per activation. */
export function newBackScratch(net: Net): Float64Array[] {
  return net.layers.map((l) => new Float64Array(shapeSize(l.outShape)));
}

/** Adds d(loss)/d(params) for one frame to `grads`, given dLoss/dy and the frame's tape. */
export function backward(net: Net, tape: Tape, dy: number, grads: Grads, scratch: Float64Array[]): void {
  const L = net.layers.length;
  const feats = tape.acts[L - 1];
  const gFeat = scratch[L - 1];
  for (let k = 0; k < feats.length; k++) {
    grads.head[k] += dy * feats[k];
    gFeat[k] = dy * net.head[k];
  }
  grads.headBias[0] += dy;
  for (let i = L - 1; i >= 0; i--) {
    const l = net.layers[i];
    const g = scratch[i];
    const out = tape.acts[i];
    const x = i === 0 ? tape.input : tape.acts[i - 1];
    const gx = i === 0 ? null : scratch[i - 1];
    if (gx) gx.fill(0);
    if (l.spec.kind === 'maxpool') {
      if (gx) poolBackward(l as NetLayer & { spec: { kind: 'maxpool' } }, x, g, gx);
      continue;
    }
    // ReLU: no gradient where the output was clamped to zero.
    for (let k = 0; k < g.length; k++) if (out[k] <= 0) g[k] = 0;
    if (l.spec.kind === 'conv') {
      convBackward(l as NetLayer & { spec: { kind: 'conv' } }, x, g, grads.w[i], grads.b[i], gx);
    } else denseBackward(l, x, g, grads.w[i], grads.b[i], gx);
  }
}

/** Every parameter array, in a fixed order (for the optimizer and gradient checks). */
export function paramArrays(net: Net): Float64Array[] {
  return [...net.layers.flatMap((l) => [l.w, l.b]), net.head, net.headBias];
}

export function gradArrays(g: Grads): Float64Array[] {
  return [...g.w.flatMap((w, i) => [w, g.b[i]]), g.head, g.headBias];
}

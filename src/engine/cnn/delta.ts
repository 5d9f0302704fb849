// A CNN that recomputes only what changed between frames (beyond the paper, which runs its CNN
// densely). In fixed point every sum is an exact integer, so a layer can keep its sums and add
// w · Δx for the inputs whose codes changed: the outputs are bit for bit those of cnnForwardFixed.
// An output whose sum was touched is re-rounded; only the outputs whose code actually changed are
// passed on to the next layer. MACs are counted as executed, so they compare with cnnCostPerFrame.
import { type CompiledCnn, outputCode } from './fixed';
import { convAcc, denseAcc } from './kernels';
import { shapeSize } from './shapes';
import type { Shape } from './types';

/** Changed entries of one layer's output (or of the pixels): indices and code differences. */
interface Changes {
  index: Int32Array;
  delta: Float64Array;
  n: number;
}

export interface DeltaCnn {
  c: CompiledCnn;
  /** Pixel codes of the last frame. */
  pixels: Float64Array;
  /** Per conv/dense layer: the exact (unsaturated) sums; null for pooling. */
  sums: (Float64Array | null)[];
  /** Per layer: its output codes for the last frame. */
  outs: Float64Array[];
  changes: Changes[];
  /** Outputs touched this frame, per layer (flags and list). */
  dirty: Uint8Array[];
  dirtyList: Int32Array[];
  /** MACs executed on the last frame and since the start. */
  lastMacs: number;
  totalMacs: number;
  frames: number;
}

const changes = (n: number): Changes => ({ index: new Int32Array(n), delta: new Float64Array(n), n: 0 });

/** A delta CNN in the state of an all-grey frame (pixel codes 0), its starting point. */
export function createDeltaCnn(c: CompiledCnn): DeltaCnn {
  const sizes = c.shapes.map(shapeSize);
  const d: DeltaCnn = {
    c,
    pixels: new Float64Array(sizes[0]),
    sums: c.layers.map(() => null),
    outs: c.layers.map((_, i) => new Float64Array(sizes[i + 1])),
    changes: sizes.map((n) => changes(n)),
    dirty: sizes.slice(1).map((n) => new Uint8Array(n)),
    dirtyList: sizes.slice(1).map((n) => new Int32Array(n)),
    lastMacs: 0,
    totalMacs: 0,
    frames: 0,
  };
  resetDeltaCnn(d);
  return d;
}

export function resetDeltaCnn(d: DeltaCnn): void {
  const { c } = d;
  d.pixels.fill(0);
  c.cnn.layers.forEach((l, i) => {
    const cl = c.layers[i];
    const x = i === 0 ? d.pixels : d.outs[i - 1];
    const s = c.shapes[i];
    const out = d.outs[i];
    if (l.kind === 'maxpool') {
      pool(x, s, l.size, l.stride, out);
      return;
    }
    // The sums of the grey frame's inputs to this layer (not zero past the first layer: ReLU(bias)…).
    const sums = new Float64Array(out.length);
    if (l.kind === 'conv') convAcc(x, s, cl.w!, cl.b!, l, sums);
    else denseAcc(x, shapeSize(s), cl.w!, cl.b!, sums);
    d.sums[i] = sums;
    for (let k = 0; k < out.length; k++) out[k] = outputCode(c, cl, l.relu, sums[k]);
  });
  c.saturations.accumulator = 0;
  c.saturations.activation = 0;
  d.lastMacs = 0;
  d.totalMacs = 0;
  d.frames = 0;
}

function pool(x: Float64Array, s: Shape, size: number, stride: number, out: Float64Array): void {
  const Wo = Math.floor((s.width - size) / stride) + 1;
  const Ho = Math.floor((s.height - size) / stride) + 1;
  for (let k = 0; k < out.length; k++) out[k] = poolAt(x, s, size, stride, Ho, Wo, k);
}

function poolAt(
  x: Float64Array,
  s: Shape,
  size: number,
  stride: number,
  Ho: number,
  Wo: number,
  k: number,
): number {
  const c = Math.floor(k / (Ho * Wo));
  const oy = Math.floor(k / Wo) % Ho;
  const ox = k % Wo;
  let m = -Infinity;
  for (let dy = 0; dy < size; dy++) {
    const row = c * s.height * s.width + (oy * stride + dy) * s.width + ox * stride;
    for (let dx = 0; dx < size; dx++) if (x[row + dx] > m) m = x[row + dx];
  }
  return m;
}

/** Runs one frame; writes the feature codes (as cnnForwardFixed would) and returns the MACs executed. */
export function deltaCnnStep(d: DeltaCnn, frame: Uint8Array, out: Int8Array): number {
  const { c } = d;
  const n0 = d.pixels.length;
  if (frame.length !== n0) throw new Error(`cnn: frame has ${frame.length} pixels, expected ${n0}`);
  const nf = d.outs[d.outs.length - 1].length;
  if (out.length !== nf) throw new Error(`cnn: output has room for ${out.length} features, expected ${nf}`);
  const ch0 = d.changes[0];
  ch0.n = 0;
  for (let i = 0; i < n0; i++) {
    const code = frame[i] - 128;
    if (code !== d.pixels[i]) {
      ch0.index[ch0.n] = i;
      ch0.delta[ch0.n++] = code - d.pixels[i];
      d.pixels[i] = code;
    }
  }
  let macs = 0;
  c.cnn.layers.forEach((l, i) => {
    const input = d.changes[i];
    const s = c.shapes[i];
    const o = c.shapes[i + 1];
    const dirty = d.dirty[i];
    const list = d.dirtyList[i];
    let nd = 0;
    const touch = (k: number) => {
      if (!dirty[k]) {
        dirty[k] = 1;
        list[nd++] = k;
      }
    };
    const P = o.height * o.width;
    if (l.kind === 'conv') {
      const w = c.layers[i].w!;
      const sums = d.sums[i]!;
      const { kernel: K, stride, pad } = l;
      const plane = s.height * s.width;
      for (let e = 0; e < input.n; e++) {
        const idx = input.index[e];
        const dv = input.delta[e];
        const ic = Math.floor(idx / plane);
        const iy = Math.floor(idx / s.width) % s.height;
        const ix = idx % s.width;
        for (let ky = 0; ky < K; ky++) {
          const ty = iy + pad - ky;
          if (ty < 0 || ty % stride !== 0 || ty / stride >= o.height) continue;
          for (let kx = 0; kx < K; kx++) {
            const tx = ix + pad - kx;
            if (tx < 0 || tx % stride !== 0 || tx / stride >= o.width) continue;
            const p = (ty / stride) * o.width + tx / stride;
            for (let oc = 0; oc < l.channels; oc++) {
              sums[oc * P + p] += w[((oc * s.channels + ic) * K + ky) * K + kx] * dv;
              touch(oc * P + p);
            }
            macs += l.channels;
          }
        }
      }
    } else if (l.kind === 'dense') {
      const w = c.layers[i].w!;
      const sums = d.sums[i]!;
      const n = shapeSize(s);
      for (let e = 0; e < input.n; e++) {
        const k = input.index[e];
        const dv = input.delta[e];
        for (let j = 0; j < l.size; j++) sums[j] += w[j * n + k] * dv;
        macs += l.size;
      }
      if (input.n > 0) for (let j = 0; j < l.size; j++) touch(j);
    } else {
      for (let e = 0; e < input.n; e++) {
        const idx = input.index[e];
        const ic = Math.floor(idx / (s.height * s.width));
        const iy = Math.floor(idx / s.width) % s.height;
        const ix = idx % s.width;
        const yLo = Math.max(0, Math.ceil((iy - l.size + 1) / l.stride));
        const yHi = Math.min(o.height - 1, Math.floor(iy / l.stride));
        const xLo = Math.max(0, Math.ceil((ix - l.size + 1) / l.stride));
        const xHi = Math.min(o.width - 1, Math.floor(ix / l.stride));
        for (let oy = yLo; oy <= yHi; oy++)
          for (let ox = xLo; ox <= xHi; ox++) touch(ic * P + oy * o.width + ox);
      }
    }
    // Re-round the touched outputs; pass on those whose code changed.
    const outs = d.outs[i];
    const next = d.changes[i + 1];
    next.n = 0;
    const x = i === 0 ? d.pixels : d.outs[i - 1];
    for (let t = 0; t < nd; t++) {
      const k = list[t];
      dirty[k] = 0;
      const code =
        l.kind === 'maxpool'
          ? poolAt(x, s, l.size, l.stride, o.height, o.width, k)
          : outputCode(c, c.layers[i], l.relu, d.sums[i]![k]);
      if (code !== outs[k]) {
        next.index[next.n] = k;
        next.delta[next.n++] = code - outs[k];
        outs[k] = code;
      }
    }
  });
  const last = d.outs[d.outs.length - 1];
  for (let k = 0; k < nf; k++) out[k] = last[k];
  d.lastMacs = macs;
  d.totalMacs += macs;
  d.frames++;
  return macs;
}

// Shape inference and validation of a CNN spec, shared by the engine (before it runs anything) and the
// model format (which maps CnnSpecError to its own error codes).
import type { Cnn, CnnLayerSpec, CnnSpec, Shape } from './types';

/** Pixel p enters fixed point as the int8 code p - 128 with LSB 2^-7: (p - 128) / 128, exactly. */
export const CNN_INPUT_FRAC = 7;

/** Caps that keep a declared CNN small enough to run per frame and to allocate safely. */
export const CNN_LIMITS = {
  maxSide: 1024,
  maxLayers: 16,
  maxKernel: 15,
  maxStride: 8,
  maxChannels: 1024,
  maxDense: 4096,
  /** Values of any layer's output (and of the input frame). */
  maxActivations: 1 << 20,
  /** Weights of one layer. */
  maxWeights: 1 << 22,
  /** Executed multiply-accumulates per frame, all layers. */
  maxMacs: 1 << 28,
} as const;

export class CnnSpecError extends Error {
  /**
   * 'dimension': a number outside its limits; 'inconsistent': parts that do not fit together;
   * 'size': a weight array of the wrong length; 'non-finite': NaN or ±Infinity in the weights.
   */
  readonly kind: 'dimension' | 'inconsistent' | 'size' | 'non-finite';
  constructor(kind: CnnSpecError['kind'], message: string) {
    super(message);
    this.name = 'CnnSpecError';
    this.kind = kind;
  }
}

function range(v: number, min: number, max: number, label: string): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new CnnSpecError('dimension', `${label} is ${v}, allowed whole numbers ${min}..${max}`);
  }
}

/** Output side of a window sweep; 0 when the window does not fit. */
export function sweepSide(side: number, window: number, stride: number, pad: number): number {
  const span = side + 2 * pad - window;
  return span < 0 ? 0 : Math.floor(span / stride) + 1;
}

/** Number of weights and biases of a layer with input shape s (0, 0 for pooling). */
export function weightCounts(layer: CnnLayerSpec, s: Shape): { weight: number; bias: number } {
  if (layer.kind === 'conv') {
    return { weight: layer.channels * s.channels * layer.kernel * layer.kernel, bias: layer.channels };
  }
  if (layer.kind === 'dense') {
    return { weight: layer.size * s.channels * s.height * s.width, bias: layer.size };
  }
  return { weight: 0, bias: 0 };
}

function layerOut(layer: CnnLayerSpec, s: Shape, label: string): Shape {
  if (layer.kind === 'conv') {
    range(layer.kernel, 1, CNN_LIMITS.maxKernel, `${label} kernel`);
    range(layer.stride, 1, CNN_LIMITS.maxStride, `${label} stride`);
    range(layer.pad, 0, layer.kernel - 1, `${label} pad`);
    range(layer.channels, 1, CNN_LIMITS.maxChannels, `${label} channels`);
    const out = {
      channels: layer.channels,
      height: sweepSide(s.height, layer.kernel, layer.stride, layer.pad),
      width: sweepSide(s.width, layer.kernel, layer.stride, layer.pad),
    };
    if (out.height === 0 || out.width === 0) {
      throw new CnnSpecError(
        'inconsistent',
        `${label}: kernel ${layer.kernel} with pad ${layer.pad} does not fit its ${s.height}x${s.width} input`,
      );
    }
    return out;
  }
  if (layer.kind === 'maxpool') {
    range(layer.size, 1, CNN_LIMITS.maxKernel, `${label} size`);
    range(layer.stride, 1, CNN_LIMITS.maxStride, `${label} stride`);
    const out = {
      channels: s.channels,
      height: sweepSide(s.height, layer.size, layer.stride, 0),
      width: sweepSide(s.width, layer.size, layer.stride, 0),
    };
    if (out.height === 0 || out.width === 0) {
      throw new CnnSpecError(
        'inconsistent',
        `${label}: window ${layer.size} does not fit its ${s.height}x${s.width} input`,
      );
    }
    return out;
  }
  range(layer.size, 1, CNN_LIMITS.maxDense, `${label} size`);
  return { channels: layer.size, height: 1, width: 1 };
}

/**
 * Validates a spec and returns the input shape followed by every layer's output shape; throws
 * CnnSpecError naming the first problem. The last entry is the feature vector (flattened).
 */
export function cnnShapes(spec: CnnSpec): Shape[] {
  range(spec.width, 1, CNN_LIMITS.maxSide, 'cnn width');
  range(spec.height, 1, CNN_LIMITS.maxSide, 'cnn height');
  range(spec.layers.length, 1, CNN_LIMITS.maxLayers, 'number of cnn layers');
  if (spec.weightBits !== 8 && spec.weightBits !== 16) {
    throw new CnnSpecError('dimension', `cnn weightBits is ${spec.weightBits}, allowed 8 or 16`);
  }
  range(spec.accumulatorBits, 16, 32, 'cnn accumulatorBits');
  if (spec.rounding !== 'nearest' && spec.rounding !== 'floor') {
    throw new CnnSpecError('inconsistent', `cnn rounding '${spec.rounding}' is not nearest or floor`);
  }
  const shapes: Shape[] = [{ channels: 1, height: spec.height, width: spec.width }];
  let dense = false;
  let macs = 0;
  spec.layers.forEach((layer, i) => {
    const label = `cnn layer ${i} (${layer.kind})`;
    if (layer.kind !== 'conv' && layer.kind !== 'maxpool' && layer.kind !== 'dense') {
      throw new CnnSpecError(
        'inconsistent',
        `cnn layer ${i}: unknown kind '${(layer as { kind: string }).kind}'`,
      );
    }
    if (dense && layer.kind !== 'dense') {
      throw new CnnSpecError('inconsistent', `${label} follows a dense layer: only dense layers may`);
    }
    if (layer.kind !== 'maxpool') {
      range(layer.weightFrac, 0, spec.weightBits, `${label} weightFrac`);
      range(layer.outFrac, 0, 7, `${label} outFrac`);
    }
    const s = shapes[shapes.length - 1];
    const out = layerOut(layer, s, label);
    if (out.channels * out.height * out.width > CNN_LIMITS.maxActivations) {
      throw new CnnSpecError('dimension', `${label} has over ${CNN_LIMITS.maxActivations} outputs`);
    }
    const weights = weightCounts(layer, s).weight;
    if (weights > CNN_LIMITS.maxWeights) {
      throw new CnnSpecError('dimension', `${label} has over ${CNN_LIMITS.maxWeights} weights`);
    }
    // An upper bound of the executed MACs (padding taps are skipped), checked before anything runs.
    macs += weights * (layer.kind === 'conv' ? out.height * out.width : 1);
    if (macs > CNN_LIMITS.maxMacs) {
      throw new CnnSpecError('dimension', `cnn needs up to ${macs} MACs a frame, over ${CNN_LIMITS.maxMacs}`);
    }
    dense ||= layer.kind === 'dense';
    shapes.push(out);
  });
  if (spec.layers.every((l) => l.kind === 'maxpool')) {
    throw new CnnSpecError('inconsistent', 'a cnn needs at least one conv or dense layer');
  }
  return shapes;
}

/** Values in a shape. */
export const shapeSize = (s: Shape): number => s.channels * s.height * s.width;

/** Length of the feature vector the CNN emits. */
export function featureCount(spec: CnnSpec): number {
  const shapes = cnnShapes(spec);
  return shapeSize(shapes[shapes.length - 1]);
}

/** LSB exponent of each layer's output in fixed point: pooling keeps its input's. */
export function outFracs(spec: CnnSpec): number[] {
  let frac = CNN_INPUT_FRAC;
  return spec.layers.map((l) => {
    if (l.kind !== 'maxpool') frac = l.outFrac;
    return frac;
  });
}

/** The fractional bits of the feature codes (the last layer's output format). */
export function featureFrac(spec: CnnSpec): number {
  const f = outFracs(spec);
  return f[f.length - 1];
}

/** The spec part of a CNN (layers without their weights). */
export function cnnSpecOf(cnn: Cnn): CnnSpec {
  return {
    width: cnn.width,
    height: cnn.height,
    weightBits: cnn.weightBits,
    accumulatorBits: cnn.accumulatorBits,
    rounding: cnn.rounding,
    layers: cnn.layers.map((l) => {
      if (l.kind === 'maxpool') return { kind: l.kind, size: l.size, stride: l.stride };
      const { weight: _w, bias: _b, ...spec } = l;
      return spec;
    }),
  };
}

/** Validates a CNN with its weights: shapes, array lengths and finiteness. Returns the shapes. */
export function checkCnn(cnn: Cnn): Shape[] {
  const shapes = cnnShapes(cnnSpecOf(cnn));
  cnn.layers.forEach((l, i) => {
    if (l.kind === 'maxpool') return;
    const want = weightCounts(l, shapes[i]);
    for (const key of ['weight', 'bias'] as const) {
      const a = l[key];
      const n = want[key];
      if (!(a instanceof Float32Array) || a.length !== n) {
        const got = a instanceof Float32Array ? `${a.length} values` : 'no Float32Array';
        throw new CnnSpecError('size', `cnn layer ${i} ${key}: expected ${n} values, got ${got}`);
      }
      for (let k = 0; k < a.length; k++) {
        if (!Number.isFinite(a[k]))
          throw new CnnSpecError('non-finite', `cnn layer ${i} ${key}[${k}] is ${a[k]}`);
      }
    }
  });
  return shapes;
}

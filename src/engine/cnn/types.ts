// A small CNN front end over grey frames (driving): the layers, their declared fixed-point formats and
// their float weights. The same object runs in float (cnnForwardFloat) and, once compiled, in fixed
// point (cnnForwardFixed); its last layer's output is the feature vector the delta-GRU reads.
import type { Rounding } from '../types';

/**
 * Convolution over all input channels, zero padding `pad` on every side, then ReLU if `relu`.
 * Weights [channels, inChannels, kernel, kernel] row-major, bias [channels].
 * Fixed point: weights are signed `weightBits` codes with LSB 2^-weightFrac; the output is an int8
 * code with LSB 2^-outFrac (Q(7-outFrac).outFrac).
 */
export interface ConvSpec {
  kind: 'conv';
  kernel: number;
  stride: number;
  pad: number;
  channels: number;
  relu: boolean;
  weightFrac: number;
  outFrac: number;
}

/** Max over size x size windows, no padding; keeps the input's format (a max needs no rounding). */
export interface PoolSpec {
  kind: 'maxpool';
  size: number;
  stride: number;
}

/**
 * Fully connected over the flattened input (index c * H * W + y * W + x), then ReLU if `relu`.
 * Weights [size, inputs] row-major, bias [size]. Formats as for ConvSpec.
 */
export interface DenseSpec {
  kind: 'dense';
  size: number;
  relu: boolean;
  weightFrac: number;
  outFrac: number;
}

export type CnnLayerSpec = ConvSpec | PoolSpec | DenseSpec;

export interface LayerWeights {
  weight: Float32Array;
  bias: Float32Array;
}

export type CnnLayer = (ConvSpec & LayerWeights) | PoolSpec | (DenseSpec & LayerWeights);

/**
 * The architecture without weights (what a model header declares). Input: one grey frame of
 * height x width uint8 pixels, row-major; pixel p enters as (p - 128) / 128, in fixed point the
 * int8 code p - 128 with LSB 2^-7 (exact, see CNN_INPUT_FRAC).
 */
export interface CnnSpec {
  width: number;
  height: number;
  layers: CnnLayerSpec[];
  weightBits: 8 | 16;
  /** Accumulators saturate at this signed width (16-32) once per output, and the event is counted. */
  accumulatorBits: number;
  rounding: Rounding;
}

export interface Cnn extends Omit<CnnSpec, 'layers'> {
  layers: CnnLayer[];
}

/** A layer's output (or the input's) as channels x height x width. */
export interface Shape {
  channels: number;
  height: number;
  width: number;
}

// What a tensor of an imported graph means to DeltaLab, found by walking back from the graph output.
// Axis labels: 'T' time, 'N' batch, '1' a size-one axis, 'F' features (of size `size`); 'A' and 'B'
// are the graph input's two leading axes until the first GRU tells which of them is time.
import type { CnnLayer } from '../cnn/types';

export type Axis = 'T' | 'N' | '1' | 'F' | 'A' | 'B' | 'L';

/** A sequence (or, when `last`, its final step) of feature vectors: the graph input (src -1) or GRU src's output. */
export interface SeqValue {
  k: 'seq';
  src: number;
  axes: Axis[];
  /** Features; 0 while unknown (the graph input before the first GRU reads it). */
  size: number;
  last: boolean;
  /** The CNN front end that made these features from pixel frames (graph input only). */
  cnn?: CnnLayer[];
}

/**
 * Pixel frames [time, 1, height, width] on their way through a CNN front end: raw, centred
 * (p - 128), scaled ((p - 128) / 128, what the first layer reads), then the layers so far.
 */
export interface ImageValue {
  k: 'image';
  stage: 'raw' | 'centred' | 'scaled';
  layers: CnnLayer[];
  /** After Flatten: [time, features]. */
  flat: boolean;
}

/** Concatenated final hidden states of several GRU layers along a leading 'L' axis (PyTorch's h_n). */
export interface StackValue {
  k: 'stack';
  layers: number[];
  axes: Axis[];
  size: number;
}

export interface ReadoutStage {
  /** out x in, row-major (DeltaLab's DenseLayer layout). */
  weight: Float32Array;
  bias: Float32Array;
  /** Whether a bias was given (a following Add then adds to it rather than setting it). */
  hasBias: boolean;
  inSize: number;
  outSize: number;
}

/** One or two dense layers applied to the top GRU layer's output. */
export interface ReadoutValue {
  k: 'readout';
  src: number;
  axes: Axis[];
  last: boolean;
  stages: ReadoutStage[];
  /** A Relu follows the last stage. */
  relu: boolean;
}

export interface ConstValue {
  k: 'const';
  name: string;
}

export type Value = SeqValue | StackValue | ReadoutValue | ConstValue | ImageValue;

export function axesText(axes: Axis[]): string {
  return `[${axes.join(',')}]`;
}

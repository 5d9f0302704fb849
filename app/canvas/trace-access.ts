// Reading the engine's compact trace: fired bitsets, the transmitted (held) values, one neuron's history.
import type { LayerTrace, SequenceTrace } from '../../src/engine/types';
import type { NeuronRef } from '../store/types';

export function bit(mask: Uint32Array, size: number, t: number, k: number): boolean {
  const words = (size + 31) >>> 5;
  return ((mask[t * words + (k >>> 5)] >>> (k & 31)) & 1) === 1;
}

/** The arrays of one side of a layer: input x against x̂, or hidden h_{t-1} against ĥ. */
export function sideOf(layer: LayerTrace, kind: 'x' | 'h') {
  return kind === 'x'
    ? { size: layer.inputSize, value: layer.x, hat: layer.xHat, fired: layer.firedX }
    : { size: layer.hiddenSize, value: layer.hPrev, hat: layer.hHat, fired: layer.firedH };
}

/** The value transmitted before step t (x̂_{t-1}; zero at the start, DESIGN.md section 2). */
export function heldBefore(hat: Float32Array, size: number, t: number, k: number): number {
  return t === 0 ? 0 : hat[(t - 1) * size + k];
}

export interface NeuronSeries {
  value: number[];
  held: number[];
  fired: boolean[];
}

export function neuronSeries(trace: SequenceTrace, ref: NeuronRef): NeuronSeries | null {
  const layer = trace.layers[ref.layer];
  if (!layer) return null;
  const side = sideOf(layer, ref.kind);
  if (ref.index >= side.size) return null;
  const value: number[] = [];
  const held: number[] = [];
  const fired: boolean[] = [];
  for (let t = 0; t < trace.steps; t++) {
    value.push(side.value[t * side.size + ref.index]);
    held.push(heldBefore(side.hat, side.size, t, ref.index));
    fired.push(bit(side.fired, side.size, t, ref.index));
  }
  return { value, held, fired };
}

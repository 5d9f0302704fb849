// The CNN's cost per frame, reported beside the GRU's (DESIGN.md section 3) so that the GRU's delta
// speedup is never read as the whole network's. The CNN runs densely on every frame.
import { convMacs } from './kernels';
import { cnnShapes, shapeSize, weightCounts } from './shapes';
import type { CnnSpec } from './types';

export interface CnnLayerCost {
  kind: 'conv' | 'maxpool' | 'dense';
  macs: number;
  memoryAccesses: number;
}

export interface CnnCost {
  /** Multiply-accumulates executed per frame (taps in the zero padding are not counted). */
  macs: number;
  /**
   * As DESIGN.md section 3 counts the GRU's: one weight read per MAC plus each layer's input vector
   * read once (pooling: its inputs, no MACs).
   */
  memoryAccesses: number;
  /** Weights and biases. */
  parameters: number;
  layers: CnnLayerCost[];
}

export function cnnCostPerFrame(spec: CnnSpec): CnnCost {
  const shapes = cnnShapes(spec);
  const layers = spec.layers.map((l, i): CnnLayerCost => {
    const s = shapes[i];
    const inputs = shapeSize(s);
    const macs = l.kind === 'conv' ? convMacs(s, l) : l.kind === 'dense' ? weightCounts(l, s).weight : 0;
    return { kind: l.kind, macs, memoryAccesses: macs + inputs };
  });
  let parameters = 0;
  spec.layers.forEach((l, i) => {
    const c = weightCounts(l, shapes[i]);
    parameters += c.weight + c.bias;
  });
  return {
    macs: layers.reduce((a, l) => a + l.macs, 0),
    memoryAccesses: layers.reduce((a, l) => a + l.memoryAccesses, 0),
    parameters,
    layers,
  };
}

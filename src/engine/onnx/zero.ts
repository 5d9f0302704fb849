// Ops that keep a tensor all zeros, for recognising PyTorch's default h0: zeros made by
// ConstantOfShape (its shape computed from the input) and sliced per layer. Shape operands are
// never followed, only the data input.
import type { GraphWalk } from './graph';
import { attributes, unsupported } from './nodes';
import type { NodeMsg } from './schema';
import { floatTensor } from './tensor-data';

type ZeroRule = (w: GraphWalk, node: NodeMsg, depth: number) => boolean;

const firstInput: ZeroRule = (w, node, depth) => w.isZero(node.input[0] ?? '', depth);

export const ZERO_OPS: Record<string, ZeroRule> = {
  ConstantOfShape: (_w, node) => {
    const t = attributes(node, ['value']).get('value')?.t;
    if (!t) return true;
    if (t.dataType !== 1) unsupported(node, 'initial_h must be float32');
    return floatTensor(t, 'ConstantOfShape value').data.every((v) => v === 0);
  },
  Expand: firstInput,
  Reshape: firstInput,
  Tile: firstInput,
  Identity: firstInput,
  Cast: firstInput,
  Squeeze: firstInput,
  Unsqueeze: firstInput,
  Transpose: firstInput,
  Slice: firstInput,
  Gather: firstInput,
  Concat: (w, node, depth) => node.input.every((name) => w.isZero(name, depth)),
};

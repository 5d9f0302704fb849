// An ONNX GRU node as one DeltaLab GruLayer. ONNX orders the gate rows z, r, h and packs the biases
// as [Wb_z Wb_r Wb_h Rb_z Rb_r Rb_h]; DeltaLab (PyTorch's layout) orders them r, z, n with separate
// input and hidden biases. With linear_before_reset = 1 the two define the same cell:
// n = tanh(W_h x + Wb_h + r ⊙ (R_h h + Rb_h)), h' = (1 − z) ⊙ n + z ⊙ h.
import type { GruLayer } from '../types';
import type { GraphWalk } from './graph';
import { attrInt, attributes, attrString, attrStrings, unsupported } from './nodes';
import type { NodeMsg } from './schema';
import type { Axis, Value } from './values';
import { axesText } from './values';

/** Rows [z; r; h] of a 3H x n block to [r; z; n]. */
export function onnxToGates(src: Float32Array, H: number, n: number): Float32Array {
  const out = new Float32Array(3 * H * n);
  const block = H * n;
  out.set(src.subarray(block, 2 * block), 0);
  out.set(src.subarray(0, block), block);
  out.set(src.subarray(2 * block, 3 * block), 2 * block);
  return out;
}

/** Rows [r; z; n] to ONNX's [z; r; h] (the same swap: its own inverse). */
export const gatesToOnnx = onnxToGates;

const ALLOWED = [
  'hidden_size',
  'linear_before_reset',
  'direction',
  'activations',
  'layout',
  'clip',
  'activation_alpha',
  'activation_beta',
];

function checkAttributes(node: NodeMsg): { H: number; layout: number } {
  const attrs = attributes(node, ALLOWED);
  for (const name of ['clip', 'activation_alpha', 'activation_beta']) {
    if (attrs.has(name))
      unsupported(node, `attribute "${name}" is not supported (DeltaLab's gates are plain sigmoid and tanh)`);
  }
  const H = attrInt(node, attrs, 'hidden_size', 0);
  if (H <= 0) unsupported(node, 'needs a positive hidden_size');
  if (attrInt(node, attrs, 'linear_before_reset', 0) !== 1) {
    unsupported(
      node,
      "linear_before_reset must be 1 (PyTorch's GRU); the default 0 resets before the recurrent product, which DeltaLab's delta-GRU does not model",
    );
  }
  const direction = attrString(node, attrs, 'direction', 'forward');
  if (direction !== 'forward')
    unsupported(node, `direction "${direction}" is not supported; only forward GRUs`);
  const acts = attrStrings(node, attrs, 'activations');
  if (
    acts &&
    (acts.length !== 2 || acts[0].toLowerCase() !== 'sigmoid' || acts[1].toLowerCase() !== 'tanh')
  ) {
    unsupported(node, `activations [${acts}] are not supported; only the default Sigmoid, Tanh`);
  }
  const layout = attrInt(node, attrs, 'layout', 0);
  if (layout !== 0 && layout !== 1) unsupported(node, `layout ${layout} is not supported`);
  return { H, layout };
}

export function gruOp(w: GraphWalk, node: NodeMsg): Value[] {
  const { H, layout } = checkAttributes(node);
  const x = w.seqInput(node, 0);
  const [timeAt, batchAt] = layout === 0 ? [0, 1] : [1, 0];
  const time: Axis[] = x.src < 0 ? ['A', 'B', 'T'] : ['T'];
  const batch: Axis[] = x.src < 0 ? ['A', 'B', 'N', '1'] : ['N', '1'];
  if (
    x.last ||
    x.axes.length !== 3 ||
    x.axes[2] !== 'F' ||
    !time.includes(x.axes[timeAt]) ||
    !batch.includes(x.axes[batchAt]) ||
    x.axes[timeAt] === x.axes[batchAt]
  ) {
    unsupported(
      node,
      `input X has axes ${axesText(x.axes)}; expected ${layout === 0 ? '[time, batch, features]' : '[batch, time, features]'}`,
    );
  }
  if (node.input[4]) unsupported(node, 'sequence_lens is not supported (DeltaLab runs one whole sequence)');
  if (node.input[5] && !w.isZero(node.input[5]))
    unsupported(node, 'initial_h must be zero (DeltaLab starts every sequence from h = 0)');
  const W = w.floats(node, node.input[1] ?? '', 'W');
  const R = w.floats(node, node.input[2] ?? '', 'R');
  const I = W.dims[2];
  if (W.dims.length !== 3 || W.dims[0] !== 1 || W.dims[1] !== 3 * H) {
    unsupported(node, `W has shape [${W.dims}], expected [1, ${3 * H}, inputs]`);
  }
  if (R.dims.length !== 3 || R.dims[0] !== 1 || R.dims[1] !== 3 * H || R.dims[2] !== H) {
    unsupported(node, `R has shape [${R.dims}], expected [1, ${3 * H}, ${H}]`);
  }
  if (x.src >= 0 && x.size !== I) unsupported(node, `W takes ${I} inputs, the layer below gives ${x.size}`);
  let B: Float32Array = new Float32Array(6 * H);
  if (node.input[3]) {
    const b = w.floats(node, node.input[3], 'B');
    if (b.dims.length !== 2 || b.dims[0] !== 1 || b.dims[1] !== 6 * H) {
      unsupported(node, `B has shape [${b.dims}], expected [1, ${6 * H}]`);
    }
    B = b.data;
  }
  const index = x.src + 1;
  const seen = w.layers.get(index);
  if (seen && seen.node !== node)
    unsupported(node, `a second GRU at depth ${index}; DeltaLab stacks GRUs in one chain`);
  const layer: GruLayer = {
    inputSize: I,
    hiddenSize: H,
    wIh: onnxToGates(W.data, H, I),
    wHh: onnxToGates(R.data, H, H),
    bIh: onnxToGates(B.subarray(0, 3 * H), H, 1),
    bHh: onnxToGates(B.subarray(3 * H), H, 1),
  };
  w.layers.set(index, { node, layer });
  if (x.cnn) w.cnn = x.cnn;
  const y: Axis[] = layout === 0 ? ['T', '1', 'N', 'F'] : ['N', 'T', '1', 'F'];
  const yh: Axis[] = layout === 0 ? ['1', 'N', 'F'] : ['N', '1', 'F'];
  return [
    { k: 'seq', src: index, axes: y, size: H, last: false },
    { k: 'seq', src: index, axes: yh, size: H, last: true },
  ];
}

// What each supported ONNX operator does to the meaning of its inputs (values.ts). An operator not
// listed here, or used on values it cannot have in a GRU network, is refused by name.

import { cnnDense, cnnFeatures, cnnRelu, convOp, flattenOp, maxPoolOp, pixelOp } from './cnn-ops';
import type { GraphWalk } from './graph';
import { gruOp } from './gru-op';
import { attrFloat, attrInt, attrInts, attributes, unsupported } from './nodes';
import type { NodeMsg } from './schema';
import type { Axis, ImageValue, ReadoutStage, ReadoutValue, Value } from './values';
import { axesText } from './values';

type Op = (w: GraphWalk, node: NodeMsg) => Value[];

type Shaped = Exclude<Value, { k: 'const' } | ImageValue>;

function shaped(node: NodeMsg, v: Value): Shaped {
  if (v.k === 'const')
    unsupported(node, 'computing on constants is not supported (export with constant folding)');
  if (v.k === 'image') unsupported(node, `${node.opType} is not supported on CNN frames`);
  return v;
}

function axisAt(node: NodeMsg, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) unsupported(node, `axis ${axis} is outside rank ${rank}`);
  return a;
}

function withAxes(v: Shaped, axes: Axis[], last = v.k !== 'stack' && v.last): Value {
  if (v.k === 'stack') return { ...v, axes };
  return { ...v, axes, last };
}

/** Axes from the second input (opset 13 and later) or the `axes` attribute (before). */
function axesOf(w: GraphWalk, node: NodeMsg): number[] | undefined {
  const attrs = attributes(node, ['axes']);
  if (node.input[1]) return w.ints(node, node.input[1], 'axes');
  return attrInts(node, attrs, 'axes');
}

const identity: Op = (w, node) => {
  attributes(node, []);
  return [w.value(node.input[0])];
};

const transpose: Op = (w, node) => {
  const v = shaped(node, w.value(node.input[0]));
  const perm =
    attrInts(node, attributes(node, ['perm']), 'perm') ?? v.axes.map((_, i) => v.axes.length - 1 - i);
  const sorted = [...perm].sort((a, b) => a - b);
  if (perm.length !== v.axes.length || sorted.some((p, i) => p !== i)) {
    unsupported(node, `perm [${perm}] is not a permutation of ${v.axes.length} axes`);
  }
  return [
    withAxes(
      v,
      perm.map((p) => v.axes[p]),
    ),
  ];
};

const squeeze: Op = (w, node) => {
  const v = shaped(node, w.value(node.input[0]));
  const given = axesOf(w, node);
  const drop = given
    ? given.map((a) => axisAt(node, a, v.axes.length))
    : v.axes.flatMap((a, i) => (a === '1' ? [i] : []));
  for (const i of drop) {
    if (v.axes[i] !== '1' && v.axes[i] !== 'N') {
      unsupported(node, `squeezes axis ${i} of ${axesText(v.axes)}, which is not of size one`);
    }
  }
  return [
    withAxes(
      v,
      v.axes.filter((_, i) => !drop.includes(i)),
    ),
  ];
};

const unsqueeze: Op = (w, node) => {
  const raw = w.value(node.input[0]);
  const given = axesOf(w, node);
  if (!given) unsupported(node, 'needs axes');
  if (raw.k === 'image') return cnnFeatures(node, raw, given);
  const v = shaped(node, raw);
  const rank = v.axes.length + given.length;
  const at = given.map((a) => axisAt(node, a, rank)).sort((a, b) => a - b);
  const axes = [...v.axes];
  for (const i of at) axes.splice(i, 0, '1');
  return [withAxes(v, axes)];
};

/** Picks one index along an axis: the last time step, a size-one axis, or one layer of a stack. */
function pick(node: NodeMsg, v: Shaped, axis: number, index: number, keep: boolean): Value {
  const label = v.axes[axis];
  const axes = v.axes.filter((_, i) => i !== axis);
  if (keep) axes.splice(axis, 0, '1');
  if (label === 'T' || label === 'A' || label === 'B') {
    if (index !== -1)
      unsupported(node, `takes time step ${index}; only the last step (index -1) is supported`);
    if (v.k === 'seq' && v.src < 0) unsupported(node, 'takes a step of the graph input before any GRU');
    return withAxes(v, axes, true);
  }
  if (label === '1') {
    if (index !== 0 && index !== -1) unsupported(node, `index ${index} on an axis of size one`);
    return withAxes(v, axes);
  }
  if (label === 'L' && v.k === 'stack') {
    const l = v.layers.at(index);
    if (l === undefined) unsupported(node, `layer index ${index} of ${v.layers.length} stacked layers`);
    return { k: 'seq', src: l, axes, size: v.size, last: true };
  }
  return unsupported(
    node,
    `indexes axis ${axis} of ${axesText(v.axes)}; only time, size-one and layer axes can be indexed`,
  );
}

const gather: Op = (w, node) => {
  const v = shaped(node, w.value(node.input[0]));
  const axis = axisAt(node, attrInt(node, attributes(node, ['axis']), 'axis', 0), v.axes.length);
  const t = w.constant(node.input[1] ?? '');
  if (!t) unsupported(node, 'indices must be a constant');
  const idx = w.ints(node, node.input[1], 'indices');
  if (idx.length !== 1 || t.dims.length > 1) unsupported(node, 'only one index is supported');
  return [pick(node, v, axis, idx[0], t.dims.length === 1)];
};

const slice: Op = (w, node) => {
  const v = shaped(node, w.value(node.input[0]));
  const attrs = attributes(node, ['starts', 'ends', 'axes']);
  const fromInput = node.input.length > 1;
  const starts = fromInput ? w.ints(node, node.input[1], 'starts') : (attrInts(node, attrs, 'starts') ?? []);
  const ends = fromInput ? w.ints(node, node.input[2] ?? '', 'ends') : (attrInts(node, attrs, 'ends') ?? []);
  const axes =
    (fromInput && node.input[3] ? w.ints(node, node.input[3], 'axes') : attrInts(node, attrs, 'axes')) ??
    starts.map((_, i) => i);
  const steps = fromInput && node.input[4] ? w.ints(node, node.input[4], 'steps') : axes.map(() => 1);
  if (starts.length !== axes.length || ends.length !== axes.length || steps.length !== axes.length) {
    unsupported(node, 'starts, ends, axes and steps differ in length');
  }
  let out: Value = v;
  axes.forEach((a, i) => {
    const axis = axisAt(node, a, v.axes.length);
    const whole = starts[i] === 0 && ends[i] >= 2 ** 31 - 1 && steps[i] === 1;
    const lastStep = starts[i] === -1 && ends[i] >= 2 ** 31 - 1 && steps[i] === 1;
    if (whole) return;
    if (!lastStep) {
      unsupported(
        node,
        `slice [${starts[i]}:${ends[i]}:${steps[i]}] on axis ${axis}; only the whole axis or the last step ([-1:]) is supported`,
      );
    }
    out = pick(node, shaped(node, out), axis, -1, true);
  });
  return [out];
};

const concat: Op = (w, node) => {
  const parts = node.input.map((name) => shaped(node, w.value(name)));
  if (parts.length === 1) return [parts[0]];
  const first = parts[0];
  const axis = axisAt(node, attrInt(node, attributes(node, ['axis']), 'axis', 0), first.axes.length);
  const layers: number[] = [];
  for (const p of parts) {
    if (p.k !== 'seq' || !p.last || p.axes[axis] !== '1' || axesText(p.axes) !== axesText(first.axes)) {
      unsupported(node, 'only concatenates final hidden states of GRU layers (PyTorch h_n)');
    }
    layers.push(p.src);
  }
  const axes = [...first.axes];
  axes[axis] = 'L';
  return [{ k: 'stack', layers, axes, size: first.k === 'seq' ? first.size : 0 }];
};

/** Appends a dense layer to what `a` holds: the top GRU's output, or a readout that ended in Relu. */
function dense(node: NodeMsg, a: Value, stage: ReadoutStage): Value[] {
  if (a.k !== 'seq' && a.k !== 'readout') {
    unsupported(node, `its input should be a GRU output, not ${a.k === 'image' ? 'CNN frames' : `a ${a.k}`}`);
  }
  if (a.axes[a.axes.length - 1] !== 'F') {
    unsupported(node, `its input has axes ${axesText(a.axes)}; the features must be the last axis`);
  }
  if (a.k === 'seq') {
    if (a.src < 0)
      unsupported(node, 'reads the graph input directly; there must be a GRU before the readout');
    if (a.size !== stage.inSize)
      unsupported(node, `weight expects ${stage.inSize} inputs, the GRU has ${a.size}`);
    return [{ k: 'readout', src: a.src, axes: a.axes, last: a.last, stages: [stage], relu: false }];
  }
  if (!a.relu) unsupported(node, 'two linear layers in a row; DeltaLab readouts put a Relu between two');
  if (a.stages.length === 2) unsupported(node, 'DeltaLab readouts have at most two linear layers');
  const prev = a.stages[0].outSize;
  if (prev !== stage.inSize)
    unsupported(node, `weight expects ${stage.inSize} inputs, the layer before has ${prev}`);
  return [{ ...a, stages: [...a.stages, stage], relu: false }];
}

/** A [in, out] matrix to DeltaLab's [out, in]. */
function transposed(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}

/** A bias of `out` values, or one value broadcast to them. */
function biasOf(node: NodeMsg, dims: number[], data: Float32Array, out: number, scale: number): Float32Array {
  const n = data.length;
  if (dims.slice(0, -1).some((d) => d !== 1) || (n !== out && n !== 1)) {
    unsupported(node, `bias of shape [${dims}] does not broadcast to ${out} outputs`);
  }
  return Float32Array.from({ length: out }, (_, i) => scale * data[n === 1 ? 0 : i]);
}

const gemm: Op = (w, node) => {
  const attrs = attributes(node, ['alpha', 'beta', 'transA', 'transB']);
  if (attrInt(node, attrs, 'transA', 0) !== 0) unsupported(node, 'transA=1 is not supported');
  const transB = attrInt(node, attrs, 'transB', 0);
  const alpha = attrFloat(node, attrs, 'alpha', 1);
  const beta = attrFloat(node, attrs, 'beta', 1);
  const a = w.value(node.input[0]);
  if (a.k !== 'const' && a.k !== 'image' && a.axes.length !== 2)
    unsupported(node, `input A has axes ${axesText(a.axes)}, Gemm needs rank 2`);
  const b = w.floats(node, node.input[1] ?? '', 'weight B');
  if (b.dims.length !== 2) unsupported(node, `weight B has shape [${b.dims}], expected rank 2`);
  const [outSize, inSize] = transB ? b.dims : [b.dims[1], b.dims[0]];
  const weight = transB
    ? b.data.map((v) => alpha * v)
    : transposed(b.data, inSize, outSize).map((v) => alpha * v);
  let bias: Float32Array = new Float32Array(outSize);
  if (node.input[2]) {
    const c = w.floats(node, node.input[2], 'bias C');
    bias = biasOf(node, c.dims, c.data, outSize, beta);
  }
  if (a.k === 'image') return cnnDense(node, a, weight, bias, outSize);
  return dense(node, a, { weight, bias, hasBias: !!node.input[2], inSize, outSize });
};

const matmul: Op = (w, node) => {
  attributes(node, []);
  const a = w.value(node.input[0]);
  const b = w.floats(node, node.input[1] ?? '', 'weight');
  if (b.dims.length !== 2) unsupported(node, `weight has shape [${b.dims}], expected [inputs, outputs]`);
  const [inSize, outSize] = b.dims;
  return dense(node, a, {
    weight: transposed(b.data, inSize, outSize),
    bias: new Float32Array(outSize),
    hasBias: false,
    inSize,
    outSize,
  });
};

const add: Op = (w, node) => {
  attributes(node, []);
  const [x, y] = [w.value(node.input[0]), w.value(node.input[1] ?? '')];
  const ro = (x.k === 'readout' ? x : y.k === 'readout' ? y : undefined) as ReadoutValue | undefined;
  const cname = x.k === 'const' ? x.name : y.k === 'const' ? y.name : undefined;
  if (!ro || !cname || ro.relu)
    unsupported(node, 'only adds a constant bias to the output of a linear layer');
  const stage = ro.stages[ro.stages.length - 1];
  const c = w.floats(node, cname, 'bias');
  const extra = biasOf(node, c.dims, c.data, stage.outSize, 1);
  const bias = stage.hasBias ? stage.bias.map((v, i) => v + extra[i]) : extra;
  return [{ ...ro, stages: [...ro.stages.slice(0, -1), { ...stage, bias, hasBias: true }] }];
};

const relu: Op = (w, node) => {
  attributes(node, []);
  const v = w.value(node.input[0]);
  if (v.k === 'image') return cnnRelu(node, v);
  if (v.k !== 'readout' || v.relu || v.stages.length !== 1) {
    unsupported(node, 'a Relu is supported only between the two linear layers of the readout');
  }
  return [{ ...v, relu: true }];
};

const pixel: Op = (w, node) =>
  pixelOp(w, node) ??
  unsupported(node, `${node.opType} is supported only in the pixel scaling of a CNN front end`);

export const OPS: Record<string, Op> = {
  GRU: gruOp,
  Identity: identity,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Gather: gather,
  Slice: slice,
  Concat: concat,
  Gemm: gemm,
  MatMul: matmul,
  Add: add,
  Relu: relu,
  Sub: pixel,
  Div: pixel,
  Mul: pixel,
  Conv: convOp,
  MaxPool: maxPoolOp,
  Flatten: flattenOp,
};

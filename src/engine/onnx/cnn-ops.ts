// ONNX operators of a CNN front end (cnn-export.ts writes them): the pixel scaling (p - 128) / 128,
// Conv, MaxPool, Relu, Flatten, Gemm, and the Unsqueeze that hands the features to the first GRU.
// They build the CNN's layers with their weights; the fixed-point formats come from the file's
// DeltaLab metadata (import.ts), since ONNX has no place for them.
import type { CnnLayer } from '../cnn/types';
import type { GraphWalk } from './graph';
import { attrInt, attrInts, attributes, attrString, unsupported } from './nodes';
import type { NodeMsg } from './schema';
import type { ImageValue, Value } from './values';

/** The one value a constant holds (a scalar or a one-element tensor). */
function scalar(w: GraphWalk, node: NodeMsg, name: string): number {
  const t = w.floats(node, name, 'constant');
  if (t.data.length !== 1)
    unsupported(node, `expects a scalar constant, "${name}" has ${t.data.length} values`);
  return t.data[0];
}

function pair(w: GraphWalk, node: NodeMsg): { img: ImageValue; other: string } | undefined {
  const [a, b] = [w.value(node.input[0]), w.value(node.input[1] ?? '')];
  if (a.k === 'image' && b.k === 'const') return { img: a, other: b.name };
  return undefined;
}

/** Sub(frames, 128), Div(·, 128) or Mul(·, 1/128): the pixel scaling DeltaLab's CNN reads. */
export function pixelOp(w: GraphWalk, node: NodeMsg): Value[] | undefined {
  const p = pair(w, node);
  if (!p) return undefined;
  attributes(node, []);
  const c = scalar(w, node, p.other);
  const { img } = p;
  if (node.opType === 'Sub' && img.stage === 'raw' && c === 128) return [{ ...img, stage: 'centred' }];
  const scales = (node.opType === 'Div' && c === 128) || (node.opType === 'Mul' && c === 1 / 128);
  if (scales && img.stage === 'centred') return [{ ...img, stage: 'scaled' }];
  return unsupported(node, "pixel frames enter DeltaLab's CNN as (p - 128) / 128; this step does not fit");
}

function frames(w: GraphWalk, node: NodeMsg, flat: boolean): ImageValue {
  const v = w.value(node.input[0]);
  if (v.k !== 'image' || v.stage !== 'scaled' || v.flat !== flat) {
    unsupported(
      node,
      flat ? 'expects flattened CNN features' : 'expects scaled pixel frames or CNN feature maps',
    );
  }
  return v;
}

function square(node: NodeMsg, name: string, v: number[] | undefined, fallback: number): number {
  const x = v ?? [fallback, fallback];
  if (x.length !== 2 || x[0] !== x[1])
    unsupported(node, `${name} [${x}]: only square 2-D windows are supported`);
  return x[0];
}

function channelsOf(layers: CnnLayer[]): number {
  for (let k = layers.length - 1; k >= 0; k--) {
    const l = layers[k];
    if (l.kind === 'conv') return l.channels;
  }
  return 1;
}

export function convOp(w: GraphWalk, node: NodeMsg): Value[] {
  const img = frames(w, node, false);
  const attrs = attributes(node, ['kernel_shape', 'strides', 'pads', 'dilations', 'group', 'auto_pad']);
  if (attrInt(node, attrs, 'group', 1) !== 1) unsupported(node, 'grouped convolutions are not supported');
  if (attrString(node, attrs, 'auto_pad', 'NOTSET') !== 'NOTSET')
    unsupported(node, 'auto_pad is not supported; give pads');
  if ((attrInts(node, attrs, 'dilations') ?? [1, 1]).some((d) => d !== 1))
    unsupported(node, 'dilations are not supported');
  const W = w.floats(node, node.input[1] ?? '', 'weight');
  const inChannels = channelsOf(img.layers);
  if (W.dims.length !== 4 || W.dims[1] !== inChannels || W.dims[2] !== W.dims[3]) {
    unsupported(node, `weight of shape [${W.dims}], expected [channels, ${inChannels}, k, k]`);
  }
  const kernel = square(node, 'kernel_shape', attrInts(node, attrs, 'kernel_shape'), W.dims[2]);
  if (kernel !== W.dims[2])
    unsupported(node, `kernel_shape ${kernel} differs from the weight's ${W.dims[2]}`);
  const stride = square(node, 'strides', attrInts(node, attrs, 'strides'), 1);
  const pads = attrInts(node, attrs, 'pads') ?? [0, 0, 0, 0];
  if (pads.length !== 4 || pads.some((p) => p !== pads[0]))
    unsupported(node, `pads [${pads}]: only the same padding on every side`);
  const channels = W.dims[0];
  const bias = node.input[2] ? w.floats(node, node.input[2], 'bias').data : new Float32Array(channels);
  if (bias.length !== channels) unsupported(node, `bias has ${bias.length} values for ${channels} channels`);
  const layer: CnnLayer = {
    kind: 'conv',
    kernel,
    stride,
    pad: pads[0],
    channels,
    relu: false,
    // Placeholders: the formats are the metadata's (import.ts).
    weightFrac: 0,
    outFrac: 0,
    weight: W.data,
    bias,
  };
  return [{ ...img, layers: [...img.layers, layer] }];
}

export function maxPoolOp(w: GraphWalk, node: NodeMsg): Value[] {
  const img = frames(w, node, false);
  const attrs = attributes(node, [
    'kernel_shape',
    'strides',
    'pads',
    'ceil_mode',
    'dilations',
    'auto_pad',
    'storage_order',
  ]);
  if ((attrInts(node, attrs, 'pads') ?? [0]).some((p) => p !== 0))
    unsupported(node, 'padded pooling is not supported');
  if (attrInt(node, attrs, 'ceil_mode', 0) !== 0) unsupported(node, 'ceil_mode is not supported');
  if (attrString(node, attrs, 'auto_pad', 'NOTSET') !== 'NOTSET')
    unsupported(node, 'auto_pad is not supported');
  if ((attrInts(node, attrs, 'dilations') ?? [1, 1]).some((d) => d !== 1))
    unsupported(node, 'dilations are not supported');
  const size = square(node, 'kernel_shape', attrInts(node, attrs, 'kernel_shape'), 0);
  const stride = square(node, 'strides', attrInts(node, attrs, 'strides'), 1);
  return [{ ...img, layers: [...img.layers, { kind: 'maxpool', size, stride }] }];
}

export function flattenOp(w: GraphWalk, node: NodeMsg): Value[] {
  const img = frames(w, node, false);
  if (attrInt(node, attributes(node, ['axis']), 'axis', 1) !== 1)
    unsupported(node, 'only Flatten with axis 1 is supported');
  return [{ ...img, flat: true }];
}

/** Gemm on flattened CNN features: a dense layer of the CNN. */
export function cnnDense(
  node: NodeMsg,
  img: ImageValue,
  weight: Float32Array,
  bias: Float32Array,
  size: number,
): Value[] {
  if (!img.flat || img.stage !== 'scaled') unsupported(node, 'a dense CNN layer reads flattened features');
  const layer: CnnLayer = { kind: 'dense', size, relu: false, weightFrac: 0, outFrac: 0, weight, bias };
  return [{ ...img, layers: [...img.layers, layer] }];
}

/** Relu after a conv or dense CNN layer. */
export function cnnRelu(node: NodeMsg, img: ImageValue): Value[] {
  const last = img.layers[img.layers.length - 1];
  if (!last || last.kind === 'maxpool' || last.relu)
    unsupported(node, 'a Relu follows a conv or dense CNN layer only');
  return [{ ...img, layers: [...img.layers.slice(0, -1), { ...last, relu: true }] }];
}

/** Unsqueeze of flattened features [time, F] to [time, 1, F]: the sequence the first GRU reads. */
export function cnnFeatures(node: NodeMsg, img: ImageValue, axes: number[]): Value[] {
  if (!img.flat || axes.length !== 1 || axes[0] !== 1)
    unsupported(node, 'CNN features go to the GRU as Unsqueeze(axes=[1]) of the flattened output');
  if (img.layers.length === 0) unsupported(node, 'a CNN front end needs at least one layer');
  return [{ k: 'seq', src: -1, axes: ['T', '1', 'F'], size: 0, last: false, cnn: img.layers }];
}

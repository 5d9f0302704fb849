// The CNN front end of a model (driving) as ONNX nodes over frames [time, 1, height, width] of raw
// pixels 0-255: (p - 128) / 128, then Conv [+ Relu], MaxPool, Flatten + Gemm [+ Relu] as declared,
// ending in the features [time, 1, F] that the first GRU reads.
import type { Cnn } from '../cnn/types';
import { AT, DT } from './schema';

type Tensor = { name: string; dims: number[]; dataType: number; rawData?: Uint8Array; int64Data?: number[] };

export interface CnnNodes {
  nodes: object[];
  inits: Tensor[];
  /** The tensor holding [time, 1, F]. */
  output: string;
}

const ints = (name: string, v: number[]) => ({ name, type: AT.INTS, ints: v });

export function cnnNodes(
  cnn: Cnn,
  input: string,
  floats: (name: string, dims: number[], d: Float32Array) => Tensor,
): CnnNodes {
  const nodes: object[] = [];
  const inits: Tensor[] = [floats('pixel_offset', [], Float32Array.of(128))];
  nodes.push(
    { name: 'center', opType: 'Sub', input: [input, 'pixel_offset'], output: ['centered'] },
    { name: 'scale', opType: 'Div', input: ['centered', 'pixel_offset'], output: ['scaled'] },
  );
  let v = 'scaled';
  let channels = 1;
  let flat = false;
  const flatten = () => {
    if (flat) return;
    nodes.push({
      name: 'flatten',
      opType: 'Flatten',
      input: [v],
      output: ['flat'],
      attribute: [{ name: 'axis', type: AT.INT, i: 1 }],
    });
    v = 'flat';
    flat = true;
  };
  cnn.layers.forEach((l, k) => {
    const out = `cnn${k}`;
    if (l.kind === 'conv') {
      inits.push(
        floats(`${out}_weight`, [l.channels, channels, l.kernel, l.kernel], l.weight),
        floats(`${out}_bias`, [l.channels], l.bias),
      );
      nodes.push({
        name: `conv${k}`,
        opType: 'Conv',
        input: [v, `${out}_weight`, `${out}_bias`],
        output: [out],
        attribute: [
          ints('kernel_shape', [l.kernel, l.kernel]),
          ints('strides', [l.stride, l.stride]),
          ints('pads', [l.pad, l.pad, l.pad, l.pad]),
        ],
      });
      channels = l.channels;
    } else if (l.kind === 'maxpool') {
      nodes.push({
        name: `pool${k}`,
        opType: 'MaxPool',
        input: [v],
        output: [out],
        attribute: [ints('kernel_shape', [l.size, l.size]), ints('strides', [l.stride, l.stride])],
      });
    } else {
      flatten();
      const inputs = l.weight.length / l.size;
      inits.push(
        floats(`${out}_weight`, [l.size, inputs], l.weight),
        floats(`${out}_bias`, [l.size], l.bias),
      );
      nodes.push({
        name: `dense${k}`,
        opType: 'Gemm',
        input: [v, `${out}_weight`, `${out}_bias`],
        output: [out],
        attribute: [{ name: 'transB', type: AT.INT, i: 1 }],
      });
    }
    v = out;
    if (l.kind !== 'maxpool' && l.relu) {
      nodes.push({ name: `relu_cnn${k}`, opType: 'Relu', input: [v], output: [`${out}_relu`] });
      v = `${out}_relu`;
    }
  });
  flatten();
  inits.push({ name: 'cnn_axes1', dims: [1], dataType: DT.INT64, int64Data: [1] });
  nodes.push({ name: 'features', opType: 'Unsqueeze', input: [v, 'cnn_axes1'], output: ['features'] });
  return { nodes, inits, output: 'features' };
}

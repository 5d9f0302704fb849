// exportOnnx: any DeltaLab model (float weights) as an ONNX graph of the shape importOnnx reads:
// input x [time, batch, features]; per layer a GRU (linear_before_reset = 1) and a Squeeze of its
// num_directions axis; readout 'last' as Squeeze(Y_h) -> Gemm [-> Relu -> Gemm], readout 'every'
// as MatMul + Add per step. A CNN front end comes first (cnn-export.ts), reading raw pixel frames.
// DeltaLab's metadata rides along in metadata_props.
import type { DenseLayer, Model } from '../types';
import { cnnNodes } from './cnn-export';
import { gatesToOnnx } from './gru-op';
import { METADATA_KEY, metaOf } from './metadata';
import { encodeProto } from './proto';
import { AT, DT } from './schema';

export const ONNX_OPSET = 17;
export const INPUT_NAME = 'x';
export const OUTPUT_NAME = 'output';

function floatTensor(name: string, dims: number[], data: Float32Array) {
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  return { name, dims, dataType: DT.FLOAT, rawData: raw };
}

function intAttr(name: string, i: number) {
  return { name, type: AT.INT, i };
}

function transposed(d: DenseLayer): Float32Array {
  const out = new Float32Array(d.weight.length);
  for (let o = 0; o < d.outSize; o++)
    for (let i = 0; i < d.inSize; i++) out[i * d.outSize + o] = d.weight[o * d.inSize + i];
  return out;
}

function valueInfo(name: string, dims: (number | string)[]) {
  return {
    name,
    type: {
      tensorType: {
        elemType: DT.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function exportOnnx(model: Model): Uint8Array {
  const nodes: object[] = [];
  const inits: object[] = [];
  const axes = (a: number) => {
    const name = `axes${a}`;
    if (!inits.some((t) => (t as { name: string }).name === name)) {
      inits.push({ name, dims: [1], dataType: DT.INT64, int64Data: [a] });
    }
    return name;
  };
  const every = model.outputAt === 'every';
  let x = INPUT_NAME;
  if (model.cnn) {
    const front = cnnNodes(model.cnn, INPUT_NAME, floatTensor);
    nodes.push(...front.nodes);
    inits.push(...front.inits);
    x = front.output;
  }
  let lastH = '';
  model.layers.forEach((L, l) => {
    const H = L.hiddenSize;
    const top = l === model.layers.length - 1;
    inits.push(
      floatTensor(`W${l}`, [1, 3 * H, L.inputSize], gatesToOnnx(L.wIh, H, L.inputSize)),
      floatTensor(`R${l}`, [1, 3 * H, H], gatesToOnnx(L.wHh, H, H)),
    );
    const b = new Float32Array(6 * H);
    b.set(gatesToOnnx(L.bIh, H, 1), 0);
    b.set(gatesToOnnx(L.bHh, H, 1), 3 * H);
    inits.push(floatTensor(`B${l}`, [1, 6 * H], b));
    const y = top && !every ? '' : `Y${l}`;
    lastH = `Yh${l}`;
    nodes.push({
      name: `gru${l}`,
      opType: 'GRU',
      input: [x, `W${l}`, `R${l}`, `B${l}`],
      output: [y, lastH],
      attribute: [intAttr('hidden_size', H), intAttr('linear_before_reset', 1)],
    });
    if (y) {
      x = `h${l}`;
      nodes.push({ name: `squeeze_y${l}`, opType: 'Squeeze', input: [y, axes(1)], output: [x] });
    }
  });
  let v = x;
  if (!every) {
    v = 'h_last';
    nodes.push({ name: 'squeeze_h_last', opType: 'Squeeze', input: [lastH, axes(0)], output: [v] });
  }
  model.readout.layers.forEach((d, k) => {
    if (k > 0) {
      nodes.push({ name: `relu${k}`, opType: 'Relu', input: [v], output: [`relu${k}`] });
      v = `relu${k}`;
    }
    const out = k === model.readout.layers.length - 1 ? OUTPUT_NAME : `dense${k}`;
    inits.push(floatTensor(`readout${k}_bias`, [d.outSize], d.bias));
    if (every) {
      inits.push(floatTensor(`readout${k}_weight`, [d.inSize, d.outSize], transposed(d)));
      nodes.push({
        name: `matmul${k}`,
        opType: 'MatMul',
        input: [v, `readout${k}_weight`],
        output: [`mm${k}`],
      });
      nodes.push({ name: `add${k}`, opType: 'Add', input: [`mm${k}`, `readout${k}_bias`], output: [out] });
    } else {
      inits.push(floatTensor(`readout${k}_weight`, [d.outSize, d.inSize], d.weight));
      nodes.push({
        name: `gemm${k}`,
        opType: 'Gemm',
        input: [v, `readout${k}_weight`, `readout${k}_bias`],
        output: [out],
        attribute: [intAttr('transB', 1)],
      });
    }
    v = out;
  });
  const outputs = model.readout.layers[model.readout.layers.length - 1].outSize;
  return encodeProto(
    {
      irVersion: 8,
      opsetImport: [{ domain: '', version: ONNX_OPSET }],
      producerName: 'DeltaLab',
      producerVersion: '1',
      docString: model.description,
      graph: {
        name: model.name,
        node: nodes,
        initializer: inits,
        input: [
          model.cnn
            ? valueInfo(INPUT_NAME, ['time', 1, model.cnn.height, model.cnn.width])
            : valueInfo(INPUT_NAME, ['time', 'batch', model.layers[0].inputSize]),
        ],
        output: [valueInfo(OUTPUT_NAME, every ? ['time', 'batch', outputs] : ['batch', outputs])],
      },
      metadataProps: [{ key: METADATA_KEY, value: JSON.stringify(metaOf(model)) }],
    },
    'ModelProto',
  );
}

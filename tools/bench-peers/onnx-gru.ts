// The benchmark's ONNX graph: our GRU layers as ONNX GRU nodes (gate order z, r, h,
// linear_before_reset = 1), with every layer's initial state an input and its final state an
// output, so one graph serves a whole sequence per call and one call per frame (state fed back).
import { gatesToOnnx } from '../../src/engine/onnx/gru-op';
import { encodeProto } from '../../src/engine/onnx/proto';
import { AT, DT } from '../../src/engine/onnx/schema';
import type { Model } from '../../src/engine/types';

export const X = 'x';
export const Y_TOP = 'y';
export const h0 = (l: number) => `h0_${l}`;
export const hN = (l: number) => `hN_${l}`;

function floats(name: string, dims: number[], data: Float32Array) {
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  return { name, dims, dataType: DT.FLOAT, rawData: raw };
}

function info(name: string, dims: (number | string)[]) {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: DT.FLOAT, shape: { dim } } } };
}

/** x [time, 1, I] and h0_l [1, 1, H_l] in; y (top layer, [time, 1, 1, H]) and hN_l out. */
export function gruOnnx(model: Model): Uint8Array {
  const nodes: object[] = [];
  const inits: object[] =
    model.layers.length > 1 ? [{ name: 'axis1', dims: [1], dataType: DT.INT64, int64Data: [1] }] : [];
  let x = X;
  const top = model.layers.length - 1;
  model.layers.forEach((L, l) => {
    const H = L.hiddenSize;
    const b = new Float32Array(6 * H);
    b.set(gatesToOnnx(L.bIh, H, 1), 0);
    b.set(gatesToOnnx(L.bHh, H, 1), 3 * H);
    inits.push(
      floats(`W${l}`, [1, 3 * H, L.inputSize], gatesToOnnx(L.wIh, H, L.inputSize)),
      floats(`R${l}`, [1, 3 * H, H], gatesToOnnx(L.wHh, H, H)),
      floats(`B${l}`, [1, 6 * H], b),
    );
    const y = l === top ? Y_TOP : `Y${l}`;
    nodes.push({
      name: `gru${l}`,
      opType: 'GRU',
      input: [x, `W${l}`, `R${l}`, `B${l}`, '', h0(l)],
      output: [y, hN(l)],
      attribute: [
        { name: 'hidden_size', type: AT.INT, i: H },
        { name: 'linear_before_reset', type: AT.INT, i: 1 },
      ],
    });
    if (l < top) {
      x = `X${l + 1}`;
      nodes.push({ name: `squeeze${l}`, opType: 'Squeeze', input: [y, 'axis1'], output: [x] });
    }
  });
  return encodeProto(
    {
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: 'DeltaLab bench',
      producerVersion: '1',
      graph: {
        name: 'gru',
        node: nodes,
        initializer: inits,
        input: [
          info(X, ['time', 1, model.layers[0].inputSize]),
          ...model.layers.map((L, l) => info(h0(l), [1, 1, L.hiddenSize])),
        ],
        output: [
          info(Y_TOP, ['time', 1, 1, model.layers[top].hiddenSize]),
          ...model.layers.map((L, l) => info(hN(l), [1, 1, L.hiddenSize])),
        ],
      },
    },
    'ModelProto',
  );
}

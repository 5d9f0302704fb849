// The graphs PyTorch's exporter writes for a GRU network, built by hand: batch-first transposes,
// h0 zeros from Shape -> ConstantOfShape sliced per layer, Squeeze of num_directions, the last step
// taken with Gather, and a Gemm readout (optionally Relu + Gemm), or h_n[-1] through Concat + Gather.
import { gaussian, mulberry32 } from '../../../src/engine/random';
import { type NodeSpec, onnxFile, type TensorSpec } from './build';

export interface TorchGraphOptions {
  I: number;
  H: number;
  layers: number;
  outputs: number;
  mlp?: number;
  /** 'out': out[:, -1] of the batch-first output; 'hn': h_n[-1]; 'every': a readout at every step. */
  readout: 'out' | 'hn' | 'every';
  seed: number;
}

export function torchGraph(o: TorchGraphOptions): Uint8Array {
  const rng = mulberry32(o.seed);
  const rand = (n: number, s = 0.5) => Float32Array.from({ length: n }, () => gaussian(rng) * s);
  const inits: TensorSpec[] = [
    { name: 'batch_idx', dims: [], ints: [o.readout === 'every' ? 1 : 0] },
    { name: 'ax0', dims: [1], ints: [0] },
    { name: 'ax1', dims: [1], ints: [1] },
    { name: 'L', dims: [1], ints: [o.layers] },
    { name: 'Hdim', dims: [1], ints: [o.H] },
    { name: 'last_idx', dims: [], ints: [-1] },
  ];
  const nodes: NodeSpec[] = [
    { op: 'Transpose', inputs: ['x'], outputs: ['xt'], attrs: { perm: [1, 0, 2] } },
    { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
    { op: 'Gather', inputs: ['shape', 'batch_idx'], outputs: ['n'], attrs: { axis: 0 } },
    { op: 'Unsqueeze', inputs: ['n', 'ax0'], outputs: ['n1'] },
    { op: 'Concat', inputs: ['L', 'n1', 'Hdim'], outputs: ['h0_shape'], attrs: { axis: 0 } },
    { op: 'ConstantOfShape', inputs: ['h0_shape'], outputs: ['h0'] },
  ];
  let x = 'xt';
  const hs: string[] = [];
  for (let l = 0; l < o.layers; l++) {
    const I = l === 0 ? o.I : o.H;
    inits.push(
      { name: `W${l}`, dims: [1, 3 * o.H, I], floats: rand(3 * o.H * I) },
      { name: `R${l}`, dims: [1, 3 * o.H, o.H], floats: rand(3 * o.H * o.H) },
      { name: `B${l}`, dims: [1, 6 * o.H], floats: rand(6 * o.H, 0.2) },
      { name: `s${l}`, dims: [1], ints: [l] },
      { name: `e${l}`, dims: [1], ints: [l + 1] },
    );
    nodes.push(
      { op: 'Slice', inputs: ['h0', `s${l}`, `e${l}`, 'ax0'], outputs: [`h0_${l}`] },
      {
        op: 'GRU',
        inputs: [x, `W${l}`, `R${l}`, `B${l}`, '', `h0_${l}`],
        outputs: [`Y${l}`, `Yh${l}`],
        attrs: { hidden_size: o.H, linear_before_reset: 1 },
      },
      { op: 'Squeeze', inputs: [`Y${l}`, 'ax1'], outputs: [`seq${l}`] },
    );
    hs.push(`Yh${l}`);
    x = `seq${l}`;
  }
  let v: string;
  if (o.readout === 'out') {
    nodes.push(
      { op: 'Transpose', inputs: [x], outputs: ['out_bf'], attrs: { perm: [1, 0, 2] } },
      { op: 'Gather', inputs: ['out_bf', 'last_idx'], outputs: ['last'], attrs: { axis: 1 } },
    );
    v = 'last';
  } else if (o.readout === 'hn') {
    nodes.push(
      { op: 'Concat', inputs: hs, outputs: ['h_n'], attrs: { axis: 0 } },
      { op: 'Gather', inputs: ['h_n', 'last_idx'], outputs: ['last'], attrs: { axis: 0 } },
    );
    v = 'last';
  } else {
    v = x;
  }
  const dense = (name: string, inSize: number, outSize: number, input: string, output: string) => {
    if (o.readout === 'every') {
      inits.push(
        { name: `${name}_wt`, dims: [inSize, outSize], floats: rand(inSize * outSize) },
        { name: `${name}_b`, dims: [outSize], floats: rand(outSize, 0.1) },
      );
      nodes.push(
        { op: 'MatMul', inputs: [input, `${name}_wt`], outputs: [`${name}_mm`] },
        { op: 'Add', inputs: [`${name}_mm`, `${name}_b`], outputs: [output] },
      );
    } else {
      inits.push(
        { name: `${name}_w`, dims: [outSize, inSize], floats: rand(inSize * outSize) },
        { name: `${name}_b`, dims: [outSize], floats: rand(outSize, 0.1) },
      );
      nodes.push({
        op: 'Gemm',
        inputs: [input, `${name}_w`, `${name}_b`],
        outputs: [output],
        attrs: { transB: 1 },
      });
    }
  };
  if (o.mlp) {
    dense('fc1', o.H, o.mlp, v, 'fc1_out');
    nodes.push({ op: 'Relu', inputs: ['fc1_out'], outputs: ['fc1_relu'] });
    dense('fc2', o.mlp, o.outputs, 'fc1_relu', 'y');
  } else {
    dense('fc', o.H, o.outputs, v, 'y');
  }
  const bf = o.readout === 'every' ? ['T', 'N', o.I] : ['N', 'T', o.I];
  if (o.readout === 'every') nodes[0] = { op: 'Identity', inputs: ['x'], outputs: ['xt'] };
  return onnxFile({ nodes, inits, input: { name: 'x', dims: bf }, outputs: ['y'] });
}

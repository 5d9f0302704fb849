// Hand-made ONNX files with what DeltaLab does not model are refused with the node, attribute or
// shape named in the message.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/engine/format';
import { importOnnx } from '../../../src/engine/onnx';
import { decodeProto, encodeProto } from '../../../src/engine/onnx/proto';
import type { ModelMsg } from '../../../src/engine/onnx/schema';
import { type GraphSpec, type NodeSpec, onnxFile, type TensorSpec } from './build';

const I = 4;
const H = 3;
const ones = (n: number) => new Float32Array(n).fill(0.1);

function inits(): TensorSpec[] {
  return [
    { name: 'W', dims: [1, 3 * H, I], floats: ones(3 * H * I) },
    { name: 'R', dims: [1, 3 * H, H], floats: ones(3 * H * H) },
    { name: 'B', dims: [1, 6 * H], floats: ones(6 * H) },
    { name: 'ax0', dims: [1], ints: [0] },
    { name: 'fc_w', dims: [2, H], floats: ones(2 * H) },
    { name: 'fc_b', dims: [2], floats: ones(2) },
    { name: 'fc2_w', dims: [2, 2], floats: ones(4) },
  ];
}

function gru(attrs: NodeSpec['attrs'] = {}, inputs = ['x', 'W', 'R', 'B']): NodeSpec {
  return {
    op: 'GRU',
    name: 'my_gru',
    inputs,
    outputs: ['Y', 'Yh'],
    attrs: { hidden_size: H, linear_before_reset: 1, ...attrs },
  };
}

const squeeze: NodeSpec = { op: 'Squeeze', inputs: ['Yh', 'ax0'], outputs: ['h'] };
const gemm: NodeSpec = {
  op: 'Gemm',
  name: 'fc',
  inputs: ['h', 'fc_w', 'fc_b'],
  outputs: ['y'],
  attrs: { transB: 1 },
};

function file(nodes: NodeSpec[], extra: Partial<GraphSpec> = {}): Uint8Array {
  return onnxFile({ nodes, inits: inits(), ...extra });
}

function refusal(bytes: Uint8Array): FormatError {
  try {
    importOnnx(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('the file was accepted');
}

describe('ONNX import refuses clearly', () => {
  it('accepts the base graph (so the refusals below are about their one change)', () => {
    expect(importOnnx(file([gru(), squeeze, gemm])).layers[0].hiddenSize).toBe(H);
  });

  const cases: [string, () => Uint8Array, RegExp][] = [
    [
      'an LSTM',
      () => file([{ ...gru(), op: 'LSTM', name: 'lstm1' }, squeeze, gemm]),
      /node "lstm1" \(LSTM\): operator LSTM is not supported/,
    ],
    [
      'linear_before_reset = 0',
      () => file([gru({ linear_before_reset: 0 }), squeeze, gemm]),
      /node "my_gru" \(GRU\): linear_before_reset must be 1/,
    ],
    [
      'a bidirectional GRU',
      () => file([gru({ direction: 'bidirectional' }), squeeze, gemm]),
      /my_gru.*direction "bidirectional"/,
    ],
    ['clip', () => file([gru({ clip: { float: 3 } }), squeeze, gemm]), /my_gru.*attribute "clip"/],
    [
      'other activations',
      () => file([gru({ activations: ['Relu', 'Tanh'] }), squeeze, gemm]),
      /my_gru.*activations \[Relu,Tanh\]/,
    ],
    [
      'an unknown attribute',
      () => file([gru({ wobble: 1 }), squeeze, gemm]),
      /my_gru.*attribute "wobble" is not supported/,
    ],
    [
      'sequence_lens',
      () => file([gru({}, ['x', 'W', 'R', 'B', 'x']), squeeze, gemm]),
      /my_gru.*sequence_lens/,
    ],
    [
      'a non-zero initial_h',
      () =>
        onnxFile({
          nodes: [gru({}, ['x', 'W', 'R', 'B', '', 'h0']), squeeze, gemm],
          inits: [...inits(), { name: 'h0', dims: [1, 1, H], floats: ones(H) }],
        }),
      /initial_h must be zero/,
    ],
    [
      'a wrong W shape',
      () =>
        onnxFile({
          nodes: [gru(), squeeze, gemm],
          inits: [{ name: 'W', dims: [1, 3 * H + 1, I], floats: ones((3 * H + 1) * I) }, ...inits().slice(1)],
        }),
      /W has shape \[1,10,4\], expected \[1, 9, inputs\]/,
    ],
    [
      'weights given as a graph input',
      () => onnxFile({ nodes: [gru(), squeeze, gemm], inits: inits().slice(1), extraInputs: ['W'] }),
      /the graph has 2 data inputs \(x, W\)/,
    ],
    [
      'a readout without a GRU',
      () => file([{ ...gemm, inputs: ['x', 'fc_w', 'fc_b'] }], { input: { name: 'x', dims: ['N', H] } }),
      /fc.*there must be a GRU/,
    ],
    [
      'two linear layers in a row',
      () =>
        file(
          [
            gru(),
            squeeze,
            gemm,
            { op: 'Gemm', name: 'fc2', inputs: ['y', 'fc2_w'], outputs: ['z'], attrs: { transB: 1 } },
          ],
          { outputs: ['z'] },
        ),
      /fc2.*two linear layers in a row/,
    ],
    [
      'a Sigmoid on the output',
      () =>
        file([gru(), squeeze, gemm, { op: 'Sigmoid', name: 'sig', inputs: ['y'], outputs: ['z'] }], {
          outputs: ['z'],
        }),
      /node "sig" \(Sigmoid\): operator Sigmoid is not supported/,
    ],
    [
      'a Relu on the output',
      () => file([gru(), squeeze, gemm, { op: 'Relu', inputs: ['y'], outputs: ['z'] }], { outputs: ['z'] }),
      /ends in a Relu/,
    ],
    ['no readout', () => file([gru(), squeeze], { outputs: ['h'] }), /not a readout of the top GRU layer/],
    [
      'the first time step',
      () =>
        file([
          gru(),
          { op: 'Gather', name: 'first', inputs: ['Y', 'ax0'], outputs: ['h'], attrs: { axis: 0 } },
          gemm,
        ]),
      /first.*only one index|first.*time step/,
    ],
    [
      'a custom domain',
      () => file([{ ...gru(), domain: 'com.example' }, squeeze, gemm]),
      /my_gru.*domain "com.example"/,
    ],
    [
      'a readout of the wrong width',
      () =>
        onnxFile({
          nodes: [gru(), squeeze, gemm],
          inits: [
            ...inits().slice(0, 4),
            { name: 'fc_w', dims: [2, H + 1], floats: ones(2 * H + 2) },
            inits()[5],
          ],
        }),
      /node "fc" \(Gemm\): weight expects 4 inputs, the GRU has 3/,
    ],
    [
      'a missing tensor',
      () => file([gru(), { ...squeeze, inputs: ['nowhere', 'ax0'] }, gemm]),
      /"nowhere" is neither an input nor produced/,
    ],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses ${what}`, () => {
      const e = refusal(make());
      expect(e.message).toMatch(message);
    });
  }

  it('refuses float64 weights naming the tensor type', () => {
    const bytes = file([gru(), squeeze, gemm]);
    // Rewrite W's data type from FLOAT (1) to DOUBLE (11) through the schema.
    const e = refusal(retype(bytes, 'W', 11));
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/my_gru.*W.*data type 11/);
  });
});

function retype(bytes: Uint8Array, name: string, dataType: number): Uint8Array {
  const msg = decodeProto(bytes, 'ModelProto') as unknown as ModelMsg;
  for (const t of msg.graph!.initializer) if (t.name === name) t.dataType = dataType;
  return encodeProto(msg as never, 'ModelProto');
}

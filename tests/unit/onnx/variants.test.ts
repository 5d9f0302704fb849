// Less common but valid graph shapes: the last step taken with Slice, a batch-first GRU (layout 1),
// Unsqueeze/Identity glue, Constant-node weights. Each imports to what onnxruntime computes (or, for
// layout 1, to the same model as its layout-0 twin).
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { importOnnx } from '../../../src/engine/onnx';
import { gaussian, mulberry32 } from '../../../src/engine/random';
import { runSequence } from '../../../src/engine/sequence';
import { type NodeSpec, onnxFile, type TensorSpec } from './build';

const [I, H, O, T] = [3, 4, 2, 9];
const rng = mulberry32(77);
const rand = (n: number) => Float32Array.from({ length: n }, () => gaussian(rng) * 0.5);
const W = rand(3 * H * I);
const R = rand(3 * H * H);
const B = rand(6 * H);
const fc = rand(O * H);

function inits(extra: TensorSpec[] = []): TensorSpec[] {
  return [
    { name: 'W', dims: [1, 3 * H, I], floats: W },
    { name: 'R', dims: [1, 3 * H, H], floats: R },
    { name: 'B', dims: [1, 6 * H], floats: B },
    { name: 'fc', dims: [O, H], floats: fc },
    { name: 'ax0', dims: [1], ints: [0] },
    { name: 'ax1', dims: [1], ints: [1] },
    ...extra,
  ];
}

const gru = (x: string, layout = 0): NodeSpec => ({
  op: 'GRU',
  inputs: [x, 'W', 'R', 'B'],
  outputs: ['Y', 'Yh'],
  attrs: { hidden_size: H, linear_before_reset: 1, ...(layout ? { layout } : {}) },
});

async function agrees(bytes: Uint8Array): Promise<void> {
  const model = importOnnx(bytes);
  const x = rand(T * I);
  const session = await ort.InferenceSession.create(bytes);
  const got = (await session.run({ x: new ort.Tensor('float32', x, [T, 1, I]) })).y.data as Float32Array;
  await session.release();
  const r = runSequence(compileModel(model, 'float'), { thetaX: [0], thetaH: [0] }, x, T);
  expect(got.length).toBe(O);
  for (let k = 0; k < O; k++) expect(Math.abs(got[k] - r.output[k])).toBeLessThan(1e-5);
}

describe('ONNX graph variants', () => {
  it('takes the last step with Slice [-1:]', async () => {
    const bytes = onnxFile({
      nodes: [
        gru('x'),
        { op: 'Squeeze', inputs: ['Y', 'ax1'], outputs: ['seq'] },
        { op: 'Slice', inputs: ['seq', 'start', 'end', 'ax0'], outputs: ['last1'] },
        { op: 'Squeeze', inputs: ['last1', 'ax0'], outputs: ['last'] },
        { op: 'Gemm', inputs: ['last', 'fc'], outputs: ['y'], attrs: { transB: 1 } },
      ],
      inits: inits([
        { name: 'start', dims: [1], ints: [-1] },
        { name: 'end', dims: [1], ints: [Number.MAX_SAFE_INTEGER] },
      ]),
      input: { name: 'x', dims: ['T', 1, I] },
    });
    await agrees(bytes);
  });

  it('reads Constant-node weights and Identity/Unsqueeze glue', async () => {
    const bytes = onnxFile({
      nodes: [
        {
          op: 'Constant',
          inputs: [],
          outputs: ['fc_c'],
          attrs: { value: { tensor: { dims: [O, H], floats: fc } } },
        },
        { op: 'Identity', inputs: ['x'], outputs: ['x1'] },
        gru('x1'),
        { op: 'Squeeze', inputs: ['Yh', 'ax0'], outputs: ['h'] },
        { op: 'Unsqueeze', inputs: ['h', 'ax0'], outputs: ['h1'] },
        { op: 'Squeeze', inputs: ['h1', 'ax0'], outputs: ['h2'] },
        { op: 'Gemm', inputs: ['h2', 'fc_c'], outputs: ['y'], attrs: { transB: 1 } },
      ],
      inits: inits(),
      input: { name: 'x', dims: ['T', 1, I] },
    });
    await agrees(bytes);
  });

  it('imports a batch-first GRU (layout 1) as its layout-0 twin', () => {
    const tail: NodeSpec[] = [{ op: 'Gemm', inputs: ['h', 'fc'], outputs: ['y'], attrs: { transB: 1 } }];
    const l0 = onnxFile({
      nodes: [gru('x'), { op: 'Squeeze', inputs: ['Yh', 'ax0'], outputs: ['h'] }, ...tail],
      inits: inits(),
      input: { name: 'x', dims: ['T', 'N', I] },
    });
    const l1 = onnxFile({
      nodes: [gru('x', 1), { op: 'Squeeze', inputs: ['Yh', 'ax1'], outputs: ['h'] }, ...tail],
      inits: inits(),
      input: { name: 'x', dims: ['N', 'T', I] },
    });
    expect(importOnnx(l1)).toEqual(importOnnx(l0));
  });
});

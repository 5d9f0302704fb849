// Graphs shaped like PyTorch's GRU exports import to the network onnxruntime computes from them.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { importOnnx } from '../../../src/engine/onnx';
import { gaussian, mulberry32 } from '../../../src/engine/random';
import { runSequence } from '../../../src/engine/sequence';
import { type TorchGraphOptions, torchGraph } from './torch-graph';

const cases: TorchGraphOptions[] = [
  { I: 4, H: 6, layers: 1, outputs: 3, readout: 'out', seed: 1 },
  { I: 5, H: 4, layers: 2, outputs: 4, readout: 'out', mlp: 7, seed: 2 },
  { I: 3, H: 5, layers: 3, outputs: 2, readout: 'hn', seed: 3 },
  { I: 4, H: 3, layers: 2, outputs: 1, readout: 'every', mlp: 4, seed: 4 },
];

describe('PyTorch-shaped ONNX graphs', () => {
  for (const c of cases) {
    it(`import to what onnxruntime computes: ${c.layers} layer(s), readout ${c.readout}${c.mlp ? ' + mlp' : ''}`, async () => {
      const bytes = torchGraph(c);
      const model = importOnnx(bytes);
      expect(model.layers.map((l) => l.hiddenSize)).toEqual(Array(c.layers).fill(c.H));
      expect(model.readout.kind).toBe(c.mlp ? 'mlp' : 'linear');
      expect(model.outputAt).toBe(c.readout === 'every' ? 'every' : 'last');
      const T = 17;
      const rng = mulberry32(c.seed + 100);
      const frames = Float32Array.from({ length: T * c.I }, () => gaussian(rng));
      const session = await ort.InferenceSession.create(bytes);
      const dims = c.readout === 'every' ? [T, 1, c.I] : [1, T, c.I];
      const got = (await session.run({ x: new ort.Tensor('float32', frames, dims) })).y.data as Float32Array;
      await session.release();
      const zeros = model.layers.map(() => 0);
      const r = runSequence(compileModel(model, 'float'), { thetaX: zeros, thetaH: zeros }, frames, T, {
        trace: true,
      });
      const want = model.outputAt === 'every' ? r.trace!.output : r.output;
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5);
    });
  }
});

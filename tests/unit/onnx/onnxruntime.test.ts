// The exported graph means what DeltaLab's float engine computes: onnxruntime (the reference ONNX
// implementation, native CPU build) runs it and every output agrees within 1e-5.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { decodeModel, decodePack } from '../../../src/engine/format';
import { exportOnnx, INPUT_NAME, OUTPUT_NAME } from '../../../src/engine/onnx';
import { gaussian, mulberry32 } from '../../../src/engine/random';
import { randomModel } from '../../../src/engine/random-model';
import { runSequence } from '../../../src/engine/sequence';
import type { Model } from '../../../src/engine/types';

const TOL = 1e-5;

/** Largest |ORT - engine| over every output the model gives for this sequence of T frames. */
async function maxDifference(model: Model, frames: Float32Array, T: number): Promise<number> {
  const session = await ort.InferenceSession.create(exportOnnx(model));
  const I = model.layers[0].inputSize;
  const feeds = { [INPUT_NAME]: new ort.Tensor('float32', frames, [T, 1, I]) };
  const got = (await session.run(feeds))[OUTPUT_NAME].data as Float32Array;
  await session.release();
  const cm = compileModel(model, 'float');
  const zeros = model.layers.map(() => 0);
  const r = runSequence(cm, { thetaX: zeros, thetaH: zeros }, frames, T, { trace: true });
  const want = model.outputAt === 'every' ? r.trace!.output : r.output;
  expect(got.length).toBe(want.length);
  let max = 0;
  for (let i = 0; i < want.length; i++) max = Math.max(max, Math.abs(got[i] - want[i]));
  return max;
}

function randomFrames(seed: number, n: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: n }, () => gaussian(rng));
}

describe('exported models in onnxruntime', () => {
  const cases = [
    { hiddenSizes: [8], readout: 'linear' as const, outputAt: 'last' as const },
    { hiddenSizes: [6, 5], readout: 'mlp' as const, outputAt: 'last' as const },
    { hiddenSizes: [7, 4, 3], readout: 'linear' as const, outputAt: 'every' as const },
    { hiddenSizes: [5], readout: 'mlp' as const, outputAt: 'every' as const },
  ];
  for (const [k, c] of cases.entries()) {
    it(`equal our float engine: GRU ${c.hiddenSizes}, ${c.readout} readout, output at ${c.outputAt}`, async () => {
      const model = {
        ...randomModel({ inputSize: 4, outputs: 3, seed: 30 + k, ...c }),
        outputAt: c.outputAt,
      };
      const T = 25;
      expect(await maxDifference(model, randomFrames(k, T * 4), T)).toBeLessThan(TOL);
    });
  }

  it('equal our float engine on a shipped digits model and its test items', async () => {
    const model = decodeModel(readFileSync('public/models/digits-delta-l1.dlm'));
    const pack = decodePack(readFileSync('public/models/digits-test.dlp'));
    const scale = 2 ** -pack.activation.fracBits;
    for (const item of pack.items.slice(0, 3)) {
      const codes = pack.frames.subarray(
        item.offset * pack.inputSize,
        (item.offset + item.length) * pack.inputSize,
      );
      const frames = Float32Array.from(codes, (c) => c * scale);
      expect(await maxDifference(model, frames, item.length)).toBeLessThan(TOL);
    }
  });
});

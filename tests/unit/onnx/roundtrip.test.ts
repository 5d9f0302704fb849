// DeltaLab -> ONNX -> DeltaLab gives back the same model, bit for bit, for any valid model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../../../src/engine/format';
import { exportOnnx, importOnnx } from '../../../src/engine/onnx';
import { decodeOnnxMessage } from '../../../src/engine/onnx/read';
import { floatTensor } from '../../../src/engine/onnx/tensor-data';
import { randomModel } from '../../../src/engine/random-model';
import { modelArb } from '../format/arbitraries';

describe('ONNX round trip', () => {
  it('returns every generated model identical', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const back = importOnnx(exportOnnx(m));
        expect(back).toEqual(decodeModel(encodeModel(m)));
      }),
      { seed: 1401, numRuns: 150 },
    );
  });

  it('keeps the shipped example byte-identical through the model format', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync('public/models/example-tiny.dlm');
    const m = decodeModel(bytes);
    expect(encodeModel(importOnnx(exportOnnx(m)))).toEqual(encodeModel(m));
  });

  it('writes ONNX gate order z, r, h into W', () => {
    const m = randomModel({ inputSize: 2, hiddenSizes: [3], outputs: 2, seed: 5 });
    const W = decodeOnnxMessage(exportOnnx(m)).graph.initializer.find((t) => t.name === 'W0')!;
    const w = floatTensor(W, 'W0').data;
    const { wIh } = m.layers[0];
    const block = 3 * 2;
    expect(w.subarray(0, block)).toEqual(wIh.subarray(block, 2 * block)); // z
    expect(w.subarray(block, 2 * block)).toEqual(wIh.subarray(0, block)); // r
    expect(w.subarray(2 * block)).toEqual(wIh.subarray(2 * block)); // h = n
  });
});

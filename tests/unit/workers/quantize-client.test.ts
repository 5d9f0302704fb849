// A dropped ONNX model quantized in the workers: auto without data (the default), calibrated on data
// (the engine's importOnnxQuantized, as the CLI runs it), the packs read for it rebuilt on the new
// codes, and a replacement worker primed with the same quantization.
import { afterAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { importDataset, writeNpy } from '../../../src/engine/dataset';
import { evaluatePack } from '../../../src/engine/evaluate';
import { importOnnxQuantized } from '../../../src/engine/onnx';
import { gaussian, mulberry32 } from '../../../src/engine/random';
import type { EngineClient } from '../../../src/workers/api';
import { createEngineClient } from '../../../src/workers/client';
import { torchGraph } from '../onnx/torch-graph';
import { nodeWorkerFactory } from './node-workers';

const [N, T, F] = [8, 12, 5];
const onnx = torchGraph({ I: F, H: 6, layers: 1, outputs: 3, readout: 'out', seed: 5 });
const rng = mulberry32(6);
// Values of a few units: Q3.4 clamps few, calibration picks another format.
const x = Float32Array.from({ length: N * T * F }, () => gaussian(rng) * 0.3);
const data = writeNpy('<f4', [N, T, F], x);
const labels = writeNpy(
  '<i8',
  [N],
  Array.from({ length: N }, (_, i) => i % 3),
);
const buf = (b: Uint8Array) => b.slice().buffer;
const want3 = () => importOnnxQuantized(onnx, { choice: 'auto' }).model;

const clients: EngineClient[] = [];
afterAll(() => {
  for (const c of clients) c.dispose();
});

describe('an ONNX model quantized in the workers', () => {
  it('is calibrated on data, rebuilds its packs, and a replacement worker gets the same', async () => {
    const factory = nodeWorkerFactory();
    const client = createEngineClient({ workers: 2, createWorker: factory.create });
    clients.push(client);
    const before = await client.loadModel({ id: 'mine', bytes: buf(onnx), activation: 'auto' });
    expect(before.quantization).toEqual({
      choice: 'auto',
      activation: { intBits: 3, fracBits: 4 },
      source: 'default',
    });
    const pack0 = await client.loadPack({ id: 'd', bytes: buf(data), forModel: 'mine', labels: buf(labels) });
    expect(pack0.quantized?.values).toBe(N * T * F);

    const calibrate = { name: 'x.npy', data: buf(data), labels: buf(labels) };
    const { model, packs } = await client.requantizeModel('mine', { activation: 'auto', calibrate });
    const want = importOnnxQuantized(onnx, { choice: 'auto', calibrate: { data, labels } });
    expect(model.quantization).toEqual({ ...want.decision, choice: 'auto', calibratedOn: 'x.npy' });
    expect(model.fixedPoint).toEqual(want.model.fixedPoint);
    expect(want.decision.activation).not.toEqual({ intBits: 3, fracBits: 4 });
    const built = importDataset(
      { data, labels },
      { name: 'd', inputSize: F, activation: want.decision.activation, task: want.model.task },
    );
    expect(packs.map((p) => [p.id, p.quantized])).toEqual([
      ['d', { values: N * T * F, saturated: built.saturated }],
    ]);

    const th = { thetaX: [2], thetaH: [1] };
    const req = { modelId: 'mine', packId: 'd', thresholds: th, mode: 'fixed' as const };
    const expected = evaluatePack(compileModel(want.model, 'fixed'), built.pack, th);
    expect(await client.evaluate(req)).toEqual(expected);
    // A worker lost: its replacement is primed with the calibrated model and the rebuilt pack.
    await factory.threads[0].terminate();
    await new Promise((r) => setTimeout(r, 300));
    expect(await client.evaluate(req)).toEqual(expected);

    const chosen = await client.requantizeModel('mine', { activation: { intBits: 6, fracBits: 1 } });
    expect(chosen.model.quantization).toMatchObject({ source: 'chosen', activation: { intBits: 6 } });
    expect(chosen.model.fixedPoint.activation).toEqual({ intBits: 6, fracBits: 1 });
  });

  it('refuses calibration data of another width with the reason, and keeps the model as it was', async () => {
    const client = createEngineClient({ workers: 1, createWorker: nodeWorkerFactory().create });
    clients.push(client);
    await client.loadModel({ id: 'mine', bytes: buf(onnx) });
    const wide = writeNpy('<f4', [2, 3, F + 1], new Float32Array(2 * 3 * (F + 1)));
    await expect(
      client.requantizeModel('mine', {
        activation: 'auto',
        calibrate: { name: 'w.npy', data: buf(wide), labels: buf(writeNpy('<i8', [2], [0, 1])) },
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining(`the data has ${F + 1} features per frame, the model takes ${F}`),
    });
    // Still the model it was: Q3.4, so the right data reads as before.
    const pack = await client.loadPack({ id: 'd', bytes: buf(data), forModel: 'mine', labels: buf(labels) });
    const q34 = importDataset(
      { data, labels },
      { name: 'd', inputSize: F, activation: { intBits: 3, fracBits: 4 }, task: want3().task },
    );
    expect(pack.quantized).toEqual({ values: N * T * F, saturated: q34.saturated });
    await expect(client.requantizeModel('none', {})).rejects.toMatchObject({ kind: 'not-found' });
  });
});

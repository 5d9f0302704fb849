// Models with a CNN front end (driving): ONNX round trip identical, and onnxruntime running the
// exported graph on raw pixel frames agrees with DeltaLab's float CNN + float delta-GRU within 1e-5.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { type Cnn, cnnForwardFloat, featureCount, featureFrac } from '../../../src/engine/cnn';
import { compileModel } from '../../../src/engine/compile';
import { decodeModel, encodeModel, FormatError } from '../../../src/engine/format';
import { exportOnnx, INPUT_NAME, importOnnx, OUTPUT_NAME } from '../../../src/engine/onnx';
import { decodeProto, encodeProto } from '../../../src/engine/onnx/proto';
import { DEFAULT_FIXED_POINT, randomModel } from '../../../src/engine/random-model';
import { runSequence } from '../../../src/engine/sequence';
import type { Model } from '../../../src/engine/types';
import { cnnArb } from '../cnn/arbitraries';

function withCnn(cnn: Cnn, seed: number, every: boolean): Model {
  const f = featureFrac(cnn);
  const m = randomModel({
    inputSize: featureCount(cnn),
    hiddenSizes: [3, 2],
    outputs: 1,
    seed,
    fixedPoint: { ...DEFAULT_FIXED_POINT, activation: { intBits: 7 - f, fracBits: f } },
  });
  return {
    ...m,
    task: { kind: 'regression', units: 'deg', outputNames: ['steering'] },
    outputAt: every ? 'every' : 'last',
    cnn,
  };
}

const modelArb = fc.tuple(cnnArb, fc.nat(), fc.boolean()).map(([c, s, e]) => withCnn(c, s, e));

/** onnxruntime on T frames of patterned pixels against DeltaLab's float CNN + float delta-GRU. */
async function agree(model: Model, T: number, k: number, relative = false): Promise<void> {
  const cnn = model.cnn!;
  const size = cnn.width * cnn.height;
  const pixels = Uint8Array.from({ length: T * size }, (_, i) => (i * 37 + k * 11) % 256);
  const F = featureCount(cnn);
  const features = new Float32Array(T * F);
  for (let t = 0; t < T; t++) {
    cnnForwardFloat(cnn, pixels.subarray(t * size, (t + 1) * size), features.subarray(t * F, (t + 1) * F));
  }
  const zeros = model.layers.map(() => 0);
  const r = runSequence(compileModel(model, 'float'), { thetaX: zeros, thetaH: zeros }, features, T, {
    trace: true,
  });
  const want = model.outputAt === 'every' ? r.trace!.output : r.output;
  const session = await ort.InferenceSession.create(exportOnnx(model));
  const input = new ort.Tensor('float32', Float32Array.from(pixels), [T, 1, cnn.height, cnn.width]);
  const got = (await session.run({ [INPUT_NAME]: input }))[OUTPUT_NAME].data as Float32Array;
  await session.release();
  expect(got.length).toBe(want.length);
  // relative: within 1e-5 of max(1, |value|), for outputs in degrees (float32 there, float64 here).
  const tol = (v: number) => 1e-5 * (relative ? Math.max(1, Math.abs(v)) : 1);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(tol(want[i]));
}

function importOrError(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return e.message;
  }
}

function dropMeta(bytes: Uint8Array): Uint8Array {
  const msg = decodeProto(bytes, 'ModelProto');
  msg.metadataProps = [];
  return encodeProto(msg, 'ModelProto');
}

describe('ONNX with a CNN front end', () => {
  it('round-trips every generated model identical', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        expect(importOnnx(exportOnnx(m))).toEqual(decodeModel(encodeModel(m)));
      }),
      { seed: 1410, numRuns: 60 },
    );
  });

  it('runs in onnxruntime as DeltaLab computes it', async () => {
    const models = fc.sample(modelArb, { seed: 1411, numRuns: 6 });
    for (const [k, model] of models.entries()) await agree(model, 7, k);
  });

  it('runs the shipped driving model in onnxruntime as DeltaLab computes it', async () => {
    // Steering in degrees, through a 64x32 CNN that DeltaLab runs in float64 and onnxruntime in
    // float32: the outputs agree to float32 rounding (1.05e-5 absolute at up to 5.6 degrees).
    await agree(decodeModel(readFileSync('public/models/driving-delta.dlm')), 12, 99, true);
  });

  it('refuses a CNN without DeltaLab metadata, whose formats ONNX cannot hold', () => {
    const m = fc.sample(modelArb, { seed: 1412, numRuns: 1 })[0];
    const message = importOrError(() => importOnnx(dropMeta(exportOnnx(m))));
    expect(message).toMatch(/CNN front end is read only from DeltaLab's own ONNX files/);
  });
});

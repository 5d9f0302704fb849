// The activation format an ONNX model is quantized to: the one chosen, or "auto": calibrated on the
// data when given (the same report calibrateActivationReport gives), else the file's own or Q3.4.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { calibrateActivationReport, readRawSet, writeNpy } from '../../../src/engine/dataset';
import { decodeModel, FormatError } from '../../../src/engine/format';
import { exportOnnx, importOnnxQuantized, parseQFormat, qFormatText } from '../../../src/engine/onnx';
import { gaussian, mulberry32 } from '../../../src/engine/random';
import { torchGraph } from './torch-graph';

const F = 5;
const onnx = torchGraph({ I: F, H: 4, layers: 1, outputs: 3, readout: 'out', seed: 3 });

/** N sequences of T frames with values of about `scale`, labelled 0..2. */
function data(scale: number, features = F, N = 6, T = 10) {
  const rng = mulberry32(9);
  const x = Float32Array.from({ length: N * T * features }, () => gaussian(rng) * scale);
  return {
    data: writeNpy('<f4', [N, T, features], x),
    labels: writeNpy(
      '<i8',
      [N],
      Array.from({ length: N }, (_, i) => i % 3),
    ),
  };
}

describe('importOnnxQuantized', () => {
  it('uses a chosen format whatever the data', () => {
    const q = { intBits: 5, fracBits: 2 };
    const r = importOnnxQuantized(onnx, { choice: q, calibrate: data(0.1) });
    expect(r.decision).toEqual({ activation: q, source: 'chosen' });
    expect(r.model.fixedPoint.activation).toEqual(q);
  });

  it('calibrates "auto" on the data, with the counts of the engine calibration', () => {
    for (const scale of [0.2, 1.5, 12]) {
      const src = data(scale);
      const r = importOnnxQuantized(onnx, { choice: 'auto', calibrate: src });
      const want = calibrateActivationReport(readRawSet(src, r.model.task))!;
      expect(r.decision).toEqual({ source: 'calibrated', ...want });
      expect(r.model.fixedPoint.activation).toEqual(want.activation);
      expect(r.decision.values).toBe(6 * 10 * F);
    }
    const small = importOnnxQuantized(onnx, { choice: 'auto', calibrate: data(0.2) }).decision.activation;
    const large = importOnnxQuantized(onnx, { choice: 'auto', calibrate: data(12) }).decision.activation;
    expect(large.intBits).toBeGreaterThan(small.intBits);
  });

  it('without data takes the default for a foreign file and the own format for a DeltaLab export', () => {
    expect(importOnnxQuantized(onnx, { choice: 'auto' }).decision).toEqual({
      activation: { intBits: 3, fracBits: 4 },
      source: 'default',
    });
    const shipped = decodeModel(new Uint8Array(readFileSync('public/models/digits-delta-l1.dlm')));
    const r = importOnnxQuantized(exportOnnx(shipped), { choice: 'auto' });
    expect(r.decision).toEqual({ activation: shipped.fixedPoint.activation, source: 'file' });
    expect(r.model).toEqual(shipped);
  });

  it('re-quantizes a DeltaLab export, its log-mel features included', () => {
    const shipped = decodeModel(new Uint8Array(readFileSync('public/models/digits-delta-l1.dlm')));
    const q = { intBits: 1, fracBits: 6 };
    const { model } = importOnnxQuantized(exportOnnx(shipped), { choice: q });
    expect(model.fixedPoint).toEqual({ ...shipped.fixedPoint, activation: q });
    expect((model.features as { activation: unknown }).activation).toEqual(q);
    expect(model.layers).toEqual(shipped.layers);
  });

  it('keeps the format a CNN front end writes, and refuses another', () => {
    const driving = decodeModel(new Uint8Array(readFileSync('public/models/driving-delta.dlm')));
    const onnxFile = exportOnnx(driving);
    const own = driving.fixedPoint.activation;
    expect(importOnnxQuantized(onnxFile, { choice: 'auto' }).decision).toEqual({
      activation: own,
      source: 'file',
    });
    expect(importOnnxQuantized(onnxFile, { choice: own }).model).toEqual(driving);
    const other = { intBits: own.intBits + 1, fracBits: own.fracBits - 1 };
    expect(() => importOnnxQuantized(onnxFile, { choice: other })).toThrow(
      /CNN front end reads its features in Q/,
    );
  });

  it('says when the data does not fit the model', () => {
    expect(() => importOnnxQuantized(onnx, { choice: 'auto', calibrate: data(1, F + 2) })).toThrow(
      new FormatError('inconsistent', `the data has ${F + 2} features per frame, the model takes ${F}`),
    );
  });
});

describe('calibration data from outside', () => {
  it('damaged .npy, .npz or CSV data gives a FormatError, never another failure', () => {
    const good = data(1.5);
    const csv = new TextEncoder().encode(
      `id,label,${Array.from({ length: F }, (_, f) => `f${f}`).join(',')}\na,0,${'1,'.repeat(F - 1)}1\n`,
    );
    const seeds = [good.data, csv, zipSync({ 'x.npy': good.data, 'y.npy': good.labels })];
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
        fc.option(fc.nat()),
        (which, flips, cut) => {
          let b = seeds[which].slice();
          for (const [at, x] of flips) b[at % b.length] ^= x;
          if (cut !== null) b = b.subarray(0, cut % b.length);
          try {
            importOnnxQuantized(onnx, { choice: 'auto', calibrate: { data: b, labels: good.labels } });
          } catch (e) {
            expect(e).toBeInstanceOf(FormatError);
          }
        },
      ),
      { seed: 1421, numRuns: 400 },
    );
  });
});

describe('parseQFormat', () => {
  it('reads Qm.f with m + f = 7 and nothing else', () => {
    expect(parseQFormat('Q2.5')).toEqual({ intBits: 2, fracBits: 5 });
    expect(parseQFormat('0.7')).toEqual({ intBits: 0, fracBits: 7 });
    for (const bad of ['Q3.5', 'Q8.0', 'auto', '', 'Q3.4x']) expect(parseQFormat(bad)).toBeNull();
    expect(qFormatText({ intBits: 6, fracBits: 1 })).toBe('Q6.1');
  });
});

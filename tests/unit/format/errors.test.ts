// One or more cases for every FormatError code, checking the code and that the message names the problem.
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeContainer } from '../../../src/engine/format/container';
import { crc32 } from '../../../src/engine/format/crc32';
import {
  decodeModel,
  decodePack,
  encodeModel,
  encodePack,
  FormatError,
  type FormatErrorCode,
} from '../../../src/engine/format/index';
import type { Model, SamplePack } from '../../../src/engine/types';
import { type Json, reseal, rewrite, smallModel, smallModelBytes } from './craft';

function expectFormatError(f: () => unknown, code: FormatErrorCode, message: RegExp): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(FormatError);
  expect((caught as FormatError).code).toBe(code);
  expect((caught as FormatError).message).toMatch(message);
}

const modelWith = (header: (h: Json) => void) => rewrite('model', smallModelBytes(), { header });

function smallPack(over: Partial<SamplePack> = {}): SamplePack {
  return {
    name: 'p',
    task: { kind: 'classification', classNames: ['a', 'b', 'c'] },
    activation: { intBits: 3, fracBits: 4 },
    inputSize: 2,
    features: {},
    items: [
      { id: 'x', offset: 0, length: 3, label: 0 },
      { id: 'y', offset: 3, length: 2, label: 2 },
    ],
    frames: Int8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    provenance: {
      dataset: 'd',
      trainingMethod: 'm',
      seed: 1,
      license: 'MIT',
      attribution: 'a',
      createdBy: 't',
    },
    ...over,
  };
}

const regressionPack = () =>
  smallPack({
    task: { kind: 'regression', units: 'deg', outputNames: ['angle'] },
    items: [
      { id: 'x', offset: 0, length: 3, label: -1 },
      { id: 'y', offset: 3, length: 2, label: -1 },
    ],
    targets: Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5]),
  });

const packWith = (header: (h: Json) => void, pack = smallPack()) =>
  rewrite('pack', encodePack(pack, { compression: 'none' }), { header });

describe('FormatError codes', () => {
  it('crc32 is the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('bad-input: not bytes', () => {
    expectFormatError(() => decodeModel('DLMF' as unknown as Uint8Array), 'bad-input', /Uint8Array/);
  });

  it('bad-magic: other files, and a pack given as a model', () => {
    expectFormatError(() => decodeModel(new TextEncoder().encode('{"json": true}')), 'bad-magic', /DLMF/);
    expectFormatError(() => decodeModel(encodePack(smallPack())), 'bad-magic', /sample pack, not a model/);
    expectFormatError(() => decodePack(smallModelBytes()), 'bad-magic', /model, not a sample pack/);
  });

  it('bad-version: a newer version or unknown flags', () => {
    const b = smallModelBytes();
    b[4] = 2;
    expectFormatError(() => decodeModel(b), 'bad-version', /format version 2/);
    const f = smallModelBytes();
    f[6] = 4;
    expectFormatError(() => decodeModel(f), 'bad-version', /unknown flags 0x4/);
  });

  it('truncated: empty, inside the prelude, inside header or blob', () => {
    const b = smallModelBytes();
    expectFormatError(() => decodeModel(new Uint8Array(0)), 'truncated', /0 bytes/);
    expectFormatError(() => decodeModel(b.subarray(0, 10)), 'truncated', /prelude/);
    expectFormatError(() => decodeModel(b.subarray(0, 40)), 'truncated', /40 bytes/);
    expectFormatError(() => decodeModel(b.subarray(0, b.length - 1)), 'truncated', /prelude says/);
  });

  it('too-large: header, blob, or tensors over the limits, before allocating', () => {
    const h = smallModelBytes();
    new DataView(h.buffer).setUint32(8, 17 * 1024 * 1024, true);
    expectFormatError(() => decodeModel(h), 'too-large', /header of 17825792 bytes/);
    const r = smallModelBytes();
    new DataView(r.buffer).setUint32(16, 2 ** 31, true);
    expectFormatError(() => decodeModel(r), 'too-large', /blob of 2147483648 bytes/);
    const big = modelWith((m) => {
      m.layers = Array.from({ length: 8 }, () => ({ inputSize: 4096, hiddenSize: 4096 }));
      m.trainedThresholds = { thetaX: Array(8).fill(0), thetaH: Array(8).fill(0) };
      m.readout.layers[0].inSize = 4096;
    });
    expectFormatError(() => decodeModel(big), 'too-large', /need over/);
    const huge = modelWith((m) => {
      m.layers[0] = { inputSize: 4096, hiddenSize: 4096 };
      m.layers[1].inputSize = 4096;
    });
    expectFormatError(
      () => decodeModel(huge),
      'too-large',
      /tensors up to layer 0 wIh need over 134217728 bytes/,
    );
  });

  it('size-mismatch: tensor shapes, table, blob size, trailing bytes; in-memory arrays on encode', () => {
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.tensors[1].shape = [8, 8]))),
      'size-mismatch',
      /layer 0 wHh: expected 3\*4\*4=48 floats, file has 64/,
    );
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.tensors[1].shape = [4, 12]))),
      'size-mismatch',
      /layer 0 wHh: shape \[4,12\], expected \[12,4\]/,
    );
    expectFormatError(() => decodeModel(modelWith((m) => m.tensors.pop())), 'size-mismatch', /tensor table/);
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.tensors[0].name = 'w'))),
      'size-mismatch',
      /tensor 0 is named 'w'/,
    );
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.tensors[2].offset += 4))),
      'size-mismatch',
      /layer 0 bIh: at bytes/,
    );
    const shortBlob = rewrite('model', smallModelBytes(), { blob: (b) => b.slice(0, b.length - 4) });
    expectFormatError(() => decodeModel(shortBlob), 'size-mismatch', /blob has \d+ bytes, its tensors need/);
    const trailing = new Uint8Array(smallModelBytes().length + 3);
    trailing.set(smallModelBytes());
    expectFormatError(() => decodeModel(trailing), 'size-mismatch', /3 bytes after the end/);
    const m = smallModel();
    m.layers[1].wHh = new Float32Array(5);
    expectFormatError(
      () => encodeModel(m),
      'size-mismatch',
      /layer 1 wHh: expected 3\*2\*2=12 floats, model has 5/,
    );
    expectFormatError(
      () => encodePack(smallPack({ frames: new Int8Array(9) })),
      'size-mismatch',
      /9 values are not whole frames of 2/,
    );
    expectFormatError(
      () => encodePack({ ...regressionPack(), targets: new Float32Array(4) }),
      'size-mismatch',
      /targets: expected 5\*1=5 floats, pack has 4/,
    );
  });

  it('bad-checksum: one flipped bit anywhere', () => {
    const b = smallModelBytes();
    b[b.length - 7] ^= 8;
    expectFormatError(() => decodeModel(b), 'bad-checksum', /damaged/);
  });

  it('bad-header: not UTF-8, not JSON, not the schema, non-zero padding, non-JSON features', () => {
    const notJson = writeContainer('model', 0, new Uint8Array(0), 'none');
    notJson.set(new TextEncoder().encode('{'), 24);
    expectFormatError(() => decodeModel(reseal(notJson)), 'bad-header', /not valid JSON/);
    const notUtf8 = writeContainer('model', 0, new Uint8Array(0), 'none');
    notUtf8[24] = 0xff;
    expectFormatError(() => decodeModel(reseal(notUtf8)), 'bad-header', /UTF-8/);
    expectFormatError(() => decodeModel(modelWith((m) => delete m.fixedPoint)), 'bad-header', /fixedPoint/);
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.layers[0].hiddenSize = 2.5))),
      'bad-header',
      /layers\.0\.hiddenSize/,
    );
    const deep = modelWith((m) => {
      let v: Json = {};
      m.features = { v };
      for (let i = 0; i < 20; i++) v = v.v = {};
    });
    expectFormatError(() => decodeModel(deep), 'bad-header', /features: must be plain JSON/);
    const padded = writeContainer('model', 7, new Uint8Array(0), 'none');
    padded[25] = 1;
    expectFormatError(() => decodeModel(reseal(padded)), 'bad-header', /padding/);
    const cyclic = smallModel() as Model & { features: Json };
    cyclic.features.self = cyclic.features;
    expectFormatError(() => encodeModel(cyclic), 'bad-header', /plain JSON/);
  });

  it('bad-compression: a corrupt stream, and a bomb that inflates past the declared size', () => {
    const packBytes = encodePack(smallPack(), { compression: 'deflate' });
    const start = (24 + new DataView(packBytes.buffer).getUint32(8, true) + 3) & ~3;
    const corrupt = packBytes.slice();
    corrupt[start] = 0x07; // BTYPE 11: a reserved deflate block type
    expectFormatError(() => decodePack(reseal(corrupt)), 'bad-compression', /corrupt/);
    // A valid deflated pack whose 12-byte blob is replaced by a stream that inflates to 16 MiB.
    const valid = encodePack(smallPack(), { compression: 'deflate' });
    const v = new DataView(valid.buffer);
    const blobStart = (24 + v.getUint32(8, true) + 3) & ~3;
    expect(v.getUint32(16, true)).toBe(12);
    const bomb = deflateSync(new Uint8Array(16 * 1024 * 1024));
    const file = new Uint8Array(blobStart + bomb.length);
    file.set(valid.subarray(0, blobStart));
    file.set(bomb, blobStart);
    new DataView(file.buffer).setUint32(12, bomb.length, true);
    const started = performance.now();
    expectFormatError(() => decodePack(reseal(file)), 'bad-compression', /more than the declared 12 bytes/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('absurd-dimension: layers, sizes, classes, items, sequence length, thresholds, tables', () => {
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.layers[0].hiddenSize = 5000))),
      'absurd-dimension',
      /layer 0 hiddenSize is 5000, allowed 1\.\.4096/,
    );
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.layers = []))),
      'absurd-dimension',
      /GRU layers is 0/,
    );
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.layers = Array(9).fill(m.layers[0])))),
      'absurd-dimension',
      /GRU layers is 9/,
    );
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.task.classNames = Array(2000).fill('c')))),
      'absurd-dimension',
      /classNames count is 2000/,
    );
    expectFormatError(
      () => decodeModel(modelWith((m) => (m.trainedThresholds.thetaH[1] = 300))),
      'absurd-dimension',
      /thetaH\[1\] is 300/,
    );
    expectFormatError(
      () =>
        decodeModel(
          modelWith((m) => Object.assign(m.fixedPoint, { tableInputFrac: 16, tableInputRange: 16 })),
        ),
      'absurd-dimension',
      /table of 2\*16\*2\^16/,
    );
    expectFormatError(
      () => decodePack(packWith((p) => (p.items[0].length = 200_000))),
      'absurd-dimension',
      /item 0 'x' length is 200000/,
    );
    expectFormatError(
      () => decodePack(packWith((p) => (p.items = []))),
      'absurd-dimension',
      /number of items is 0/,
    );
    expectFormatError(
      () => decodePack(packWith((p) => (p.items = Array(100_001).fill(p.items[0])))),
      'absurd-dimension',
      /number of items is 100001/,
    );
  });

  it('inconsistent: layer chain, readout, classes, thresholds, Qm.f, item ranges, labels, ids', () => {
    const cases: [(m: Json) => void, RegExp][] = [
      [(m) => (m.layers[1].inputSize = 3), /layer 1 inputSize 3 differs from layer 0 hiddenSize 4/],
      [(m) => (m.readout.kind = 'mlp'), /mlp readout has 1 layers, expected 2/],
      [(m) => (m.readout.layers[0].inSize = 4), /readout layer 0 inSize 4, expected 2/],
      [(m) => m.task.classNames.push('extra'), /readout has 3 outputs, task has 4 classes/],
      [(m) => m.trainedThresholds.thetaX.pop(), /thetaX has 1 entries for 2 layers/],
      [(m) => (m.fixedPoint.activation.intBits = 4), /Q4\.4: 1 \+ 4 \+ 4 must be 8/],
    ];
    for (const [change, message] of cases)
      expectFormatError(() => decodeModel(modelWith(change)), 'inconsistent', message);
    const packCases: [(p: Json) => void, RegExp][] = [
      [(p) => (p.items[1].offset = 4), /item 1 'y': frames 4\.\.6 outside the pack's 5 frames/],
      [(p) => (p.items[1].label = 3), /item 1 'y': label 3, allowed 0\.\.2/],
      [(p) => (p.items[1].label = -1), /label -1/],
      [(p) => (p.items[1].id = 'x'), /item 1 'x': id is empty or repeated/],
      [(p) => (p.activation = { intBits: 2, fracBits: 4 }), /activation Q2\.4/],
    ];
    for (const [change, message] of packCases)
      expectFormatError(() => decodePack(packWith(change)), 'inconsistent', message);
    expectFormatError(
      () => decodePack(packWith((p) => (p.items[0].label = 0), regressionPack())),
      'inconsistent',
      /label 0, allowed -1 \(regression\)/,
    );
    expectFormatError(
      () => encodePack(smallPack({ targets: new Float32Array(5) })),
      'inconsistent',
      /classification pack with regression targets/,
    );
  });

  it('non-finite: NaN or Infinity in weights or targets, on decode and on encode', () => {
    const nan = rewrite('model', smallModelBytes(), {
      blob: (b) => {
        new DataView(b.buffer).setFloat32(4 * 7, Number.NaN, true);
        return b;
      },
    });
    expectFormatError(() => decodeModel(nan), 'non-finite', /layer 0 wIh\[7\] is NaN/);
    const m = smallModel(2, 'mlp');
    m.readout.layers[1].bias[2] = Number.NEGATIVE_INFINITY;
    expectFormatError(() => encodeModel(m), 'non-finite', /readout 1 bias\[2\] is -Infinity/);
    const bytes = encodePack(regressionPack());
    const inf = rewrite('pack', bytes, {
      blob: (b) => {
        new DataView(b.buffer).setFloat32(12 + 4 * 3, Number.POSITIVE_INFINITY, true);
        return b;
      },
    });
    expectFormatError(() => decodePack(inf), 'non-finite', /targets\[3\] is Infinity/);
  });
});

// Hostile and damaged ONNX files: importOnnx either returns a valid model or throws FormatError with
// a message, never another error, never a hang; floods of tiny messages and deep groups are refused
// by the decoder's budget long before memory runs out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { featureCount, featureFrac } from '../../../src/engine/cnn';
import { encodeModel, FormatError } from '../../../src/engine/format';
import { exportOnnx, importOnnx, ONNX_LIMITS } from '../../../src/engine/onnx';
import { decodeProto, encodeProto } from '../../../src/engine/onnx/proto';
import type { ModelMsg } from '../../../src/engine/onnx/schema';
import { DEFAULT_FIXED_POINT, randomModel } from '../../../src/engine/random-model';
import { cnnArb } from '../cnn/arbitraries';
import { onnxFile } from './build';
import { torchGraph } from './torch-graph';

function importOrFormatError(bytes: Uint8Array): string {
  try {
    encodeModel(importOnnx(bytes));
    return 'ok';
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    expect(e.message.length).toBeGreaterThan(5);
    return e.code;
  }
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** A length-delimited field. */
function field(id: number, body: Uint8Array | number[]): Uint8Array {
  const b = Uint8Array.from(body);
  return Uint8Array.from([...varint((id << 3) | 2), ...varint(b.length), ...b]);
}

const seeds = [
  exportOnnx(randomModel({ inputSize: 3, hiddenSizes: [4, 2], outputs: 3, readout: 'mlp', seed: 9 })),
  exportOnnx({ ...randomModel({ inputSize: 2, hiddenSizes: [3], outputs: 1, seed: 8 }), outputAt: 'every' }),
  torchGraph({ I: 3, H: 2, layers: 2, outputs: 2, readout: 'out', seed: 7 }),
  exportOnnx(cnnModel()),
];

/** A small model with a CNN front end, so damage also reaches the CNN operators. */
function cnnModel() {
  const cnn = fc.sample(cnnArb, { seed: 1413, numRuns: 1 })[0];
  const f = featureFrac(cnn);
  const m = randomModel({
    inputSize: featureCount(cnn),
    hiddenSizes: [2],
    outputs: 2,
    seed: 6,
    fixedPoint: { ...DEFAULT_FIXED_POINT, activation: { intBits: 7 - f, fracBits: f } },
  });
  return { ...m, cnn };
}

describe('ONNX import of hostile input', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        importOrFormatError(b);
      }),
      { seed: 1402, numRuns: 2000 },
    );
  });

  it('damaged valid files: flipped bytes, truncation, splices', () => {
    const damage = fc.record({
      which: fc.nat({ max: seeds.length - 1 }),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
      cut: fc.option(fc.nat()),
      insert: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 12 }))),
    });
    const codes = new Set<string>();
    fc.assert(
      fc.property(damage, (d) => {
        let b = seeds[d.which].slice();
        for (const [at, x] of d.flips) b[at % b.length] ^= x;
        if (d.insert) {
          const at = d.insert[0] % b.length;
          b = Uint8Array.from([...b.subarray(0, at), ...d.insert[1], ...b.subarray(at)]);
        }
        if (d.cut !== null) b = b.subarray(0, d.cut % b.length);
        codes.add(importOrFormatError(b));
      }),
      { seed: 1403, numRuns: 1500 },
    );
    // The damage reaches several stages of the reader, not only the first check.
    expect(codes.size).toBeGreaterThan(3);
  });

  it('refuses a file over the size limit before reading it', () => {
    const big = new Uint8Array(ONNX_LIMITS.maxFileBytes + 1);
    expect(importOrFormatError(big)).toBe('too-large');
  });

  it('refuses deeply nested groups without recursing', () => {
    // Field 1, wire type 3 (start group), 100 000 times: protobufjs's skip would recurse that deep.
    const b = new Uint8Array(100_000).fill(0x0b);
    expect(importOrFormatError(b)).toBe('bad-encoding');
  });

  it('refuses a flood of empty nodes by the decoder budget', () => {
    const nodes = new Uint8Array(2 * (ONNX_LIMITS.maxMessages + 1));
    for (let i = 0; i < nodes.length; i += 2) nodes[i] = 0x0a; // GraphProto.node, length 0
    expect(importOrFormatError(field(7, nodes))).toBe('too-large');
  });

  it('refuses a flood of unpacked numbers by the decoder budget', () => {
    const dims = new Uint8Array(2 * (ONNX_LIMITS.maxFields + 1));
    for (let i = 0; i < dims.length; i += 2) dims[i] = 0x08; // TensorProto.dims, varint 0
    expect(importOrFormatError(field(7, field(5, dims)))).toBe('too-large');
  });

  it('refuses absurd tensor shapes before allocating', () => {
    const bytes = onnxFile({
      nodes: [
        {
          op: 'GRU',
          inputs: ['x', 'W', 'R'],
          outputs: ['Y', 'Yh'],
          attrs: { hidden_size: 3, linear_before_reset: 1 },
        },
        { op: 'Squeeze', inputs: ['Yh', 'ax0'], outputs: ['h'] },
        { op: 'Gemm', inputs: ['h', 'fc'], outputs: ['y'], attrs: { transB: 1 } },
      ],
      inits: [
        { name: 'W', dims: [1, 2 ** 20, 2 ** 20], floats: [] },
        { name: 'ax0', dims: [1], ints: [0] },
        { name: 'fc', dims: [2, 3], floats: [1, 2, 3, 4, 5, 6] },
      ],
    });
    expect(importOrFormatError(bytes)).toBe('too-large');
  });

  it('refuses a length running past the end', () => {
    const b = Uint8Array.from([0x3a, ...varint(1_000_000), 1, 2, 3]);
    expect(importOrFormatError(b)).toBe('bad-encoding');
  });

  it('refuses hostile DeltaLab metadata with a FormatError', () => {
    const base = randomModel({ inputSize: 2, hiddenSizes: [2], outputs: 2, seed: 3 });
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.constantFrom('name', 'task', 'fixedPoint', 'trainedThresholds', 'provenance', 'features'),
        (v, key) => {
          const bytes = exportOnnx(base);
          const meta = JSON.stringify({ ...JSON.parse(JSON.stringify({ name: 'm' })), [key]: v });
          importOrFormatError(withMeta(bytes, meta));
        },
      ),
      { seed: 1404, numRuns: 300 },
    );
  });
});

function withMeta(bytes: Uint8Array, value: string): Uint8Array {
  const msg = decodeProto(bytes, 'ModelProto') as unknown as ModelMsg;
  msg.metadataProps = [{ key: 'deltalab.model', value }];
  return encodeProto(msg as never, 'ModelProto');
}

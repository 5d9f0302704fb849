// Models with a CNN front end: round trip, the checks that tie it to the GRU, and damaged or hostile
// files (every decode succeeds or throws FormatError).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cnn, featureCount, featureFrac } from '../../../src/engine/cnn';
import { readContainer } from '../../../src/engine/format/container';
import { decodeModel, encodeModel, FormatError } from '../../../src/engine/format/index';
import { DEFAULT_FIXED_POINT, randomModel } from '../../../src/engine/random-model';
import type { Model } from '../../../src/engine/types';
import { type Json, reseal, rewrite } from '../format/craft';
import { cnnArb } from './arbitraries';

function withCnn(cnn: Cnn, seed = 1): Model {
  const f = featureFrac(cnn);
  const m = randomModel({
    inputSize: featureCount(cnn),
    hiddenSizes: [3],
    outputs: 1,
    seed,
    fixedPoint: { ...DEFAULT_FIXED_POINT, activation: { intBits: 7 - f, fracBits: f } },
  });
  return { ...m, task: { kind: 'regression', units: 'deg', outputNames: ['steering'] }, cnn };
}

const cnnModelArb = fc.tuple(cnnArb, fc.nat()).map(([cnn, seed]) => withCnn(cnn, seed));

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return e.code;
  }
  return 'ok';
}

const sample = (): Model => fc.sample(cnnModelArb, { seed: 5, numRuns: 1 })[0];

describe('model format: CNN front end', () => {
  it('decode(encode(model)) equals the model, CNN included', () => {
    fc.assert(
      fc.property(cnnModelArb, fc.constantFrom('none' as const, 'deflate' as const), (model, compression) => {
        const back = decodeModel(encodeModel(model, { compression }));
        expect(back).toEqual(model);
        expect(back.cnn).toBeDefined();
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('adds a cnn header section and cnn.{k}.weight/bias tensors after all the others', () => {
    const model = sample();
    const h = readContainer('model', encodeModel(model)).header as Json;
    expect(h.cnn.layers.length).toBe(model.cnn!.layers.length);
    const names: string[] = h.tensors.map((t: Json) => t.name);
    const first = names.findIndex((n) => n.startsWith('cnn.'));
    expect(names.slice(0, first).some((n) => n.startsWith('cnn.'))).toBe(false);
    expect(names.slice(first).every((n) => /^cnn\.\d+\.(weight|bias)$/.test(n))).toBe(true);
    // A model without a CNN has no cnn key at all (files as before).
    const plain = { ...model };
    delete plain.cnn;
    expect((readContainer('model', encodeModel(plain)).header as Json).cnn).toBeUndefined();
    expect('cnn' in decodeModel(encodeModel(plain))).toBe(false);
  });

  it('a reader that drops the cnn key rejects the file (size-mismatch) rather than misreading it', () => {
    const bytes = rewrite('model', encodeModel(sample()), { header: (h) => delete h.cnn });
    expect(code(() => decodeModel(bytes))).toBe('size-mismatch');
  });

  it('ties the CNN to the GRU: feature count and activation format', () => {
    const model = sample();
    const wide = { ...model, layers: [{ ...model.layers[0] }] };
    const n = featureCount(model.cnn!);
    const H = wide.layers[0].hiddenSize;
    wide.layers[0] = { ...wide.layers[0], inputSize: n + 1, wIh: new Float32Array(3 * H * (n + 1)) };
    expect(() => encodeModel(wide)).toThrow(/cnn emits \d+ features, GRU layer 0 inputSize is/);
    const f = featureFrac(model.cnn!);
    const q = {
      ...model,
      fixedPoint: { ...model.fixedPoint, activation: { intBits: 8 - f, fracBits: f - 1 } },
    };
    expect(code(() => encodeModel(q))).toBe('inconsistent');
  });

  it('checks the weights on encode: length and finiteness', () => {
    const model = sample();
    const k = model.cnn!.layers.findIndex((l) => l.kind !== 'maxpool');
    const layers = [...model.cnn!.layers];
    const l = layers[k] as { weight: Float32Array; bias: Float32Array };
    layers[k] = { ...layers[k], weight: l.weight.slice(1) } as Cnn['layers'][number];
    expect(code(() => encodeModel({ ...model, cnn: { ...model.cnn!, layers } }))).toBe('size-mismatch');
    const bad = l.bias.slice();
    bad[0] = Number.POSITIVE_INFINITY;
    layers[k] = { ...layers[k], weight: l.weight, bias: bad } as Cnn['layers'][number];
    expect(code(() => encodeModel({ ...model, cnn: { ...model.cnn!, layers } }))).toBe('non-finite');
  });

  it('rejects absurd and inconsistent headers with their codes', () => {
    const bytes = encodeModel(sample());
    const edit = (f: (c: Json) => void) =>
      code(() => decodeModel(rewrite('model', bytes, { header: (h) => f(h.cnn) })));
    expect(edit((c) => (c.width = 5000))).toBe('absurd-dimension');
    expect(edit((c) => (c.layers = []))).toBe('absurd-dimension');
    expect(edit((c) => (c.layers[0] = { kind: 'pool', size: 2 }))).toBe('bad-header');
    expect(edit((c) => (c.rounding = 'up'))).toBe('bad-header');
    expect(edit((c) => (c.accumulatorBits = 64))).toBe('absurd-dimension');
    expect(
      edit((c) => c.layers.push({ kind: 'dense', size: 4097, relu: true, weightFrac: 1, outFrac: 1 })),
    ).toBe('absurd-dimension');
  });

  it('damaged or hostile CNN files decode or throw FormatError', () => {
    const hostile = fc.oneof(
      fc.constantFrom(-1, 0, 0.5, 1e9, 2 ** 32, 4097, null, '', 'conv', true, [], {}, { kind: 'dense' }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const codes = new Set<string>();
    fc.assert(
      fc.property(
        cnnModelArb,
        fc.nat(),
        hostile,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 }))),
        (m, pick, value, flips) => {
          const bytes = encodeModel(m);
          const changed = rewrite('model', bytes, {
            header: (h) => {
              const paths: (string | number)[][] = [];
              const walk = (v: unknown, p: (string | number)[]) => {
                paths.push(p);
                if (v && typeof v === 'object')
                  for (const [k, x] of Object.entries(v)) walk(x, [...p, Array.isArray(v) ? Number(k) : k]);
              };
              walk(h.cnn, []);
              const path = paths[pick % paths.length];
              if (path.length === 0) h.cnn = value;
              else {
                let o: Json = h.cnn;
                for (const k of path.slice(0, -1)) o = o[k];
                o[path[path.length - 1]] = value;
              }
            },
          });
          const damaged = bytes.slice();
          for (const [at, x] of flips) damaged[at % damaged.length] ^= x;
          for (const file of [changed, reseal(damaged)]) {
            const c = code(() => encodeModel(decodeModel(file)));
            codes.add(c);
          }
        },
      ),
      { seed: 9, numRuns: 300 },
    );
    for (const c of ['ok', 'bad-header', 'absurd-dimension', 'size-mismatch']) expect(codes).toContain(c);
  });
});

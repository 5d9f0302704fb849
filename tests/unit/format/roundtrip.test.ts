import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModel, decodePack, encodeModel, encodePack } from '../../../src/engine/format/index';
import { randomModel } from '../../../src/engine/random-model';
import type { SamplePack } from '../../../src/engine/types';
import { modelArb, packArb } from './arbitraries';

const compression = fc.constantFrom('none' as const, 'deflate' as const);

describe('model round trip', () => {
  it('decode(encode(model)) equals the model, bit for bit', () => {
    fc.assert(
      fc.property(modelArb, compression, (model, c) => {
        const bytes = encodeModel(model, { compression: c });
        if (c === 'none') expect(bytes.length % 4).toBe(0);
        expect(decodeModel(bytes)).toEqual(model);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('keeps -0, subnormals and the extremes of float32', () => {
    const model = randomModel({ inputSize: 2, hiddenSizes: [2], outputs: 2, seed: 3 });
    const special = [-0, 1.4e-45, -3.4028234663852886e38, 3.4028234663852886e38, 1.1754943508222875e-38];
    model.layers[0].wIh.set(special);
    const back = decodeModel(encodeModel(model)).layers[0].wIh;
    expect(Array.from(back.subarray(0, special.length))).toEqual(special.map(Math.fround));
  });

  it('reads from an ArrayBuffer and from an unaligned view', () => {
    const model = randomModel({ inputSize: 5, hiddenSizes: [3, 4], outputs: 2, readout: 'mlp', seed: 9 });
    const bytes = encodeModel(model);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeModel(bytes.slice().buffer)).toEqual(model);
    expect(decodeModel(shifted.subarray(1))).toEqual(model);
  });

  it('is deterministic: the same model gives the same bytes', () => {
    const m = randomModel({ inputSize: 4, hiddenSizes: [3], outputs: 2, seed: 5 });
    expect(encodeModel(m)).toEqual(encodeModel(structuredClone(m)));
  });
});

describe('sample pack round trip', () => {
  it('decode(encode(pack)) equals the pack (classification and regression with targets)', () => {
    let regression = 0;
    fc.assert(
      fc.property(packArb, compression, (pack, c) => {
        if (pack.targets) regression++;
        expect(decodePack(encodePack(pack, { compression: c }))).toEqual(pack);
      }),
      { seed: 42, numRuns: 150 },
    );
    expect(regression).toBeGreaterThan(10);
  });

  it('compresses int8 frames of smooth sequences', () => {
    const frames = Int8Array.from({ length: 40 * 450 }, (_, i) => Math.round(40 * Math.sin(i / 400)));
    const pack: SamplePack = {
      name: 'smooth',
      task: { kind: 'classification', classNames: ['a', 'b'] },
      activation: { intBits: 3, fracBits: 4 },
      inputSize: 40,
      features: {},
      items: Array.from({ length: 10 }, (_, k) => ({
        id: `s${k}`,
        offset: 45 * k,
        length: 45,
        label: k % 2,
      })),
      frames,
      provenance: {
        dataset: 'x',
        trainingMethod: 'x',
        seed: 0,
        license: 'MIT',
        attribution: 'x',
        createdBy: 'x',
      },
    };
    const deflated = encodePack(pack);
    expect(deflated.length).toBeLessThan(encodePack(pack, { compression: 'none' }).length / 2);
    expect(decodePack(deflated)).toEqual(pack);
  });
});

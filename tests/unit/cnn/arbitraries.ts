// fast-check generators of small valid CNNs (random shapes and weights), for the engine and format tests.
import fc from 'fast-check';
import type { Cnn, CnnLayer, CnnLayerSpec, CnnSpec } from '../../../src/engine/cnn';
import { cnnShapes, weightCounts } from '../../../src/engine/cnn';

const layerSpecArb = (weightBits: 8 | 16): fc.Arbitrary<CnnLayerSpec> => {
  const wf = fc.integer({ min: 3, max: weightBits === 8 ? 6 : 12 });
  const of = fc.integer({ min: 3, max: 6 });
  return fc.oneof(
    fc
      .record({
        kernel: fc.integer({ min: 1, max: 3 }),
        stride: fc.integer({ min: 1, max: 2 }),
        pad: fc.integer({ min: 0, max: 2 }),
        channels: fc.integer({ min: 1, max: 3 }),
        relu: fc.boolean(),
        weightFrac: wf,
        outFrac: of,
      })
      .map((r) => ({ kind: 'conv' as const, ...r, pad: Math.min(r.pad, r.kernel - 1) })),
    fc
      .record({ size: fc.integer({ min: 1, max: 2 }), stride: fc.integer({ min: 1, max: 2 }) })
      .map((r) => ({ kind: 'maxpool' as const, ...r })),
    fc
      .record({ size: fc.integer({ min: 1, max: 4 }), relu: fc.boolean(), weightFrac: wf, outFrac: of })
      .map((r) => ({ kind: 'dense' as const, ...r })),
  );
};

/** A spec that passes cnnShapes: layers that do not fit are dropped, dense layers come last. */
export const cnnSpecArb: fc.Arbitrary<CnnSpec> = fc
  .record({
    width: fc.integer({ min: 1, max: 9 }),
    height: fc.integer({ min: 1, max: 7 }),
    weightBits: fc.constantFrom(8 as const, 16 as const),
    accumulatorBits: fc.integer({ min: 24, max: 32 }),
    rounding: fc.constantFrom('nearest' as const, 'floor' as const),
  })
  .chain((base) =>
    fc.array(layerSpecArb(base.weightBits), { minLength: 1, maxLength: 4 }).map((layers) => {
      const spec: CnnSpec = { ...base, layers: [] };
      const sorted = [
        ...layers.filter((l) => l.kind !== 'dense'),
        ...layers.filter((l) => l.kind === 'dense'),
      ];
      for (const l of sorted) {
        try {
          cnnShapes({ ...spec, layers: [...spec.layers, l] });
          spec.layers.push(l);
        } catch {
          // a window larger than its input: leave the layer out
        }
      }
      if (!spec.layers.some((l) => l.kind !== 'maxpool')) {
        spec.layers.push({ kind: 'dense', size: 2, relu: false, weightFrac: 6, outFrac: 5 });
      }
      return spec;
    }),
  );

/**
 * Weights uniform in ±1/fanIn and biases in ±1/2, so every float activation stays within ±1.5 and
 * int8 outputs with outFrac <= 6 never saturate (the float-vs-fixed bound assumes no clamp).
 */
export const cnnArb: fc.Arbitrary<Cnn> = cnnSpecArb.chain((spec) => {
  const shapes = cnnShapes(spec);
  const weights = spec.layers.map((l, i) => {
    const n = weightCounts(l, shapes[i]);
    const fanIn = n.bias ? n.weight / n.bias : 1;
    return fc.record({
      weight: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
        minLength: n.weight,
        maxLength: n.weight,
      }),
      bias: fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), {
        minLength: n.bias,
        maxLength: n.bias,
      }),
      fanIn: fc.constant(fanIn),
    });
  });
  return fc.tuple(...weights).map((ws) => ({
    ...spec,
    layers: spec.layers.map((l, i): CnnLayer => {
      if (l.kind === 'maxpool') return l;
      return {
        ...l,
        weight: Float32Array.from(ws[i].weight, (v) => v / ws[i].fanIn),
        bias: Float32Array.from(ws[i].bias),
      };
    }),
  }));
});

/** A frame for a spec. */
export const frameArb = (spec: CnnSpec): fc.Arbitrary<Uint8Array> =>
  fc.uint8Array({ minLength: spec.width * spec.height, maxLength: spec.width * spec.height });

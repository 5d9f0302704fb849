// The readout: its summation order is part of the engine's definition (four partial sums over
// inputs i mod 4, combined as (s0 + s1) + (s2 + s3)), so every path that reads out agrees to the
// bit; and whatever the order, it stays the linear map it stands for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { randomModel } from '../../../src/engine/random-model';
import { argmax, readoutInto } from '../../../src/engine/readout';
import { createScratch } from '../../../src/engine/scratch';
import type { DenseLayer } from '../../../src/engine/types';

/** The defining order, written out independently of the engine's loop. */
function fourLane(layer: DenseLayer, x: ArrayLike<number>, scale: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < layer.outSize; o++) {
    const s = [0, 0, 0, 0];
    for (let i = 0; i < layer.inSize; i++) s[i % 4] += layer.weight[o * layer.inSize + i] * x[i];
    out.push(layer.bias[o] + (s[0] + s[1] + (s[2] + s[3])) * scale);
  }
  return out;
}

/** The same map summed in plain order. */
function naive(layer: DenseLayer, x: ArrayLike<number>, scale: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < layer.outSize; o++) {
    let s = 0;
    for (let i = 0; i < layer.inSize; i++) s += layer.weight[o * layer.inSize + i] * x[i];
    out.push(layer.bias[o] + s * scale);
  }
  return out;
}

const caseArb = fc.record({
  hidden: fc.integer({ min: 1, max: 41 }),
  outputs: fc.integer({ min: 1, max: 12 }),
  readout: fc.constantFrom('linear' as const, 'mlp' as const),
  mode: fc.constantFrom('fixed' as const, 'float' as const),
  seed: fc.integer({ min: 1, max: 1 << 30 }),
  h: fc.array(fc.integer({ min: -128, max: 127 }), { minLength: 41, maxLength: 41 }),
});

describe('readoutInto', () => {
  it('sums in its defined order, is the linear map it stands for, and softmax-normalises', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const model = randomModel({
          inputSize: 3,
          hiddenSizes: [c.hidden],
          outputs: c.outputs,
          readout: c.readout,
          seed: c.seed,
        });
        const cm = compileModel(model, c.mode);
        const sc = createScratch(cm);
        const h = sc.layers[0].h;
        for (let j = 0; j < c.hidden; j++) h[j] = c.mode === 'fixed' ? c.h[j] : c.h[j] / 16;
        readoutInto(sc);
        const ro = model.readout.layers;
        let want: number[];
        let approx: number[];
        if (ro.length === 1) {
          want = fourLane(ro[0], h, cm.valueScale);
          approx = naive(ro[0], h, cm.valueScale);
        } else {
          // biome-ignore lint/complexity/useMathMinMax: as the engine does, -0 stays -0 (Math.max gives 0).
          const relu = (v: number[]) => v.map((x) => (x < 0 ? 0 : x));
          want = fourLane(ro[1], relu(fourLane(ro[0], h, cm.valueScale)), 1);
          approx = naive(ro[1], relu(naive(ro[0], h, cm.valueScale)), 1);
        }
        expect(Array.from(sc.output)).toEqual(want);
        for (let k = 0; k < want.length; k++) expect(sc.output[k]).toBeCloseTo(approx[k], 9);
        const sum = Array.from(sc.probs).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 12);
        expect(argmax(sc.probs)).toBe(argmax(sc.output));
      }),
      { seed: 1313, numRuns: 300 },
    );
  });

  it('argmax takes the first of equal values', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
    expect(argmax([5])).toBe(0);
  });
});

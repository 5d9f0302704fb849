// DESIGN.md 2: with Θx = Θh = 0 the delta-GRU equals the dense GRU, bit for bit in fixed point and
// to float rounding in float.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { runDenseSequence } from '../../../src/engine/dense';
import { runSequence } from '../../../src/engine/sequence';
import { uniformThresholds } from '../../../src/engine/thresholds';
import { caseArb } from './helpers';

describe('Θ = 0 delta-GRU vs dense GRU', () => {
  it('fixed point: identical h of every layer at every step, identical outputs', () => {
    fc.assert(
      fc.property(caseArb(), fc.boolean(), ({ model, steps, codes }, smooth) => {
        const cm = compileModel(model, 'fixed');
        const frames = smooth ? codes.map((c) => c >> 3) : codes;
        const th = uniformThresholds(model.layers.length, 0, 0);
        const delta = runSequence(cm, th, frames, steps, { trace: true });
        const dense = runDenseSequence(cm, frames, steps);
        delta.trace!.layers.forEach((lt, l) => {
          expect(lt.h).toEqual(dense.h[l]);
        });
        expect(delta.trace!.output).toEqual(dense.output);
        expect(delta.costs.layers.every((c) => c.accSaturations === 0)).toBe(true);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('float: equal to float rounding', () => {
    fc.assert(
      fc.property(caseArb(), ({ model, steps, codes }) => {
        const cm = compileModel(model, 'float');
        const real = Float32Array.from(codes, (c) => c / 32);
        const th = uniformThresholds(model.layers.length, 0, 0);
        const delta = runSequence(cm, th, real, steps, { trace: true });
        const dense = runDenseSequence(cm, real, steps);
        delta.trace!.layers.forEach((lt, l) => {
          lt.h.forEach((v, k) => {
            expect(Math.abs(v - dense.h[l][k])).toBeLessThan(1e-5);
          });
        });
        delta.trace!.output.forEach((v, k) => {
          expect(Math.abs(v - dense.output[k])).toBeLessThan(1e-4 * (1 + Math.abs(v)));
        });
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('a nonzero threshold does change the result (the comparison above can fail)', () => {
    fc.assert(
      fc.property(caseArb({ maxSteps: 30 }), ({ model, steps, codes }) => {
        fc.pre(steps > 5);
        const cm = compileModel(model, 'fixed');
        const th = uniformThresholds(model.layers.length, 40, 0);
        const delta = runSequence(cm, th, codes, steps, { trace: true });
        const dense = runDenseSequence(cm, codes, steps);
        expect(delta.trace!.layers[0].h).not.toEqual(dense.h[0]);
      }),
      { seed: 7, numRuns: 5 },
    );
  });
});

// Per-step cost rows (the guided explanation's live counters) sum to the sequence's counters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { stepCosts } from '../../../src/engine/costs';
import { runSequence } from '../../../src/engine/sequence';
import { caseArb, thetaArb } from './helpers';

const withTheta = caseArb({ smooth: true }).chain((c) =>
  thetaArb(c.model.layers.length).map((th) => ({ ...c, th })),
);

describe('stepCosts', () => {
  it('rows per step add up to the sequence counters; running MAC sums end at the totals', () => {
    fc.assert(
      fc.property(withTheta, ({ model, steps, codes, th }) => {
        const r = runSequence(compileModel(model, 'fixed'), th, codes, steps, { trace: true });
        const s = stepCosts(r.trace!);
        r.costs.layers.forEach((total, l) => {
          const rows = s.layers[l];
          expect(rows).toHaveLength(steps);
          for (const key of ['denseMacs', 'deltaMacs', 'deltaCost', 'denseMem', 'deltaMem'] as const)
            expect(rows.reduce((a, row) => a + row[key], 0)).toBe(total[key]);
          const L = r.trace!.layers[l];
          rows.forEach((row, t) => {
            expect(row.deltaMacs).toBe(3 * L.hiddenSize * (L.nx[t] + L.nh[t]));
            expect(row.denseMacs).toBe(3 * L.hiddenSize * (L.inputSize + L.hiddenSize));
          });
        });
        const dense = r.costs.layers.reduce((a, c) => a + c.denseMacs, 0);
        const delta = r.costs.layers.reduce((a, c) => a + c.deltaMacs, 0);
        expect(s.denseMacsSoFar[steps - 1]).toBe(dense);
        expect(s.deltaMacsSoFar[steps - 1]).toBe(delta);
        for (let t = 1; t < steps; t++)
          expect(s.deltaMacsSoFar[t]).toBeGreaterThanOrEqual(s.deltaMacsSoFar[t - 1]);
      }),
      { seed: 11, numRuns: 40 },
    );
  });
});

// The CNN that recomputes only what changed: bit for bit the dense fixed-point features on every
// frame, with the MACs it executed (all of cnnCostPerFrame when every pixel changes, none when none do).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Cnn,
  cnnCostPerFrame,
  cnnForwardFixed,
  compileCnn,
  createDeltaCnn,
  deltaCnnStep,
  featureCount,
  resetDeltaCnn,
} from '../../../src/engine/cnn';
import { cnnArb } from './arbitraries';

/** A first frame and a few follow-ups that each change a handful of pixels (or none). */
const clipArb = (cnn: Cnn) => {
  const n = cnn.width * cnn.height;
  const edit = fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 });
  return fc.tuple(
    fc.uint8Array({ minLength: n, maxLength: n }),
    fc.array(edit, { minLength: 1, maxLength: 6 }),
  );
};

/** Weights 16x larger, so sums and outputs also saturate. */
const loud = (cnn: Cnn): Cnn => ({
  ...cnn,
  layers: cnn.layers.map((l) => (l.kind === 'maxpool' ? l : { ...l, weight: l.weight.map((v) => 16 * v) })),
});

describe('delta CNN', () => {
  it('gives the dense fixed-point features on every frame, saturating or not', () => {
    fc.assert(
      fc.property(
        cnnArb.chain((cnn) => fc.tuple(fc.constant(cnn), clipArb(cnn), fc.boolean())),
        ([base, [first, edits], big]) => {
          const cnn = big ? loud(base) : base;
          const dense = compileCnn(cnn);
          const delta = createDeltaCnn(compileCnn(cnn));
          const nf = featureCount(cnn);
          const want = new Int8Array(nf);
          const got = new Int8Array(nf);
          const frame = first.slice();
          const check = () => {
            cnnForwardFixed(dense, frame, want);
            deltaCnnStep(delta, frame, got);
            expect(got).toEqual(want);
          };
          check();
          for (const e of edits) {
            for (const [i, v] of e) frame[i] = v;
            check();
          }
        },
      ),
      { seed: 21, numRuns: 300 },
    );
  });

  it('costs the dense MACs when every pixel changes, nothing for a repeated frame', () => {
    fc.assert(
      fc.property(cnnArb, (cnn) => {
        const d = createDeltaCnn(compileCnn(cnn));
        const out = new Int8Array(featureCount(cnn));
        const frame = new Uint8Array(cnn.width * cnn.height).fill(200); // every code differs from grey 0
        const macs = deltaCnnStep(d, frame, out);
        // Dense layers after a layer that did not change at all skip their columns, so <=.
        expect(macs).toBeLessThanOrEqual(cnnCostPerFrame(cnn).macs);
        if (cnn.layers.length === 1) expect(macs).toBe(cnnCostPerFrame(cnn).macs);
        expect(deltaCnnStep(d, frame, out)).toBe(0);
        expect(d.totalMacs).toBe(macs);
        resetDeltaCnn(d);
        expect(deltaCnnStep(d, frame, out)).toBe(macs);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});

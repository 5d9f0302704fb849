// Per-layer speedup: each layer's own Σ dense cost / Σ delta cost (section 3), so a deeper network
// shows which layer saves what; one layer's is the network's, and the network's lies between its layers'.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFigures, layerCounters } from '../../../src/engine/costs';

describe('layerSpeedup', () => {
  it('is each layer alone, and the whole lies between the layers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            I: fc.integer({ min: 1, max: 64 }),
            H: fc.integer({ min: 1, max: 64 }),
            steps: fc.integer({ min: 1, max: 50 }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (layers) => {
          const c = {
            layers: layers.map((l) => {
              const fired = Math.floor(l.share * (l.I + l.H) * l.steps);
              return layerCounters(l.I, l.H, l.steps, Math.floor(fired / 2), fired - Math.floor(fired / 2));
            }),
          };
          const f = computeFigures(c);
          expect(f.layerSpeedup).toEqual(c.layers.map((l) => computeFigures({ layers: [l] }).speedup));
          if (layers.length === 1) expect(f.layerSpeedup[0]).toBe(f.speedup);
          expect(f.speedup).toBeGreaterThanOrEqual(Math.min(...f.layerSpeedup) * (1 - 1e-12));
          expect(f.speedup).toBeLessThanOrEqual(Math.max(...f.layerSpeedup) * (1 + 1e-12));
        },
      ),
      { seed: 33, numRuns: 300 },
    );
  });
});

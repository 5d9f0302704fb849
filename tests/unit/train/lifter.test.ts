// Cepstral liftering of log energies (Hyper.lifter): a projection onto the lowest DCT components.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liftered, lifterMatrix } from '../../../tools/train/dataset';

const frames = (bands: number) =>
  fc
    .array(fc.array(fc.float({ min: -20, max: 5, noNaN: true }), { minLength: bands, maxLength: bands }), {
      minLength: 1,
      maxLength: 6,
    })
    .map((rows) => Float32Array.from(rows.flat()));

describe('lifterMatrix', () => {
  it('keeps every frame whole when it keeps every component', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 24 }).chain((b) => fc.tuple(fc.constant(b), frames(b))),
        ([b, e]) => {
          const out = liftered(e, lifterMatrix(b, b), b);
          out.forEach((v, i) => {
            expect(v).toBeCloseTo(e[i], 4);
          });
        },
      ),
      { seed: 7, numRuns: 40 },
    );
  });

  it('keeps only the frame mean with one component, and a level change passes through whole', () => {
    fc.assert(
      fc.property(frames(20), fc.float({ min: -10, max: 10, noNaN: true }), (e, gain) => {
        const m = lifterMatrix(20, 1);
        const out = liftered(e, m, 20);
        for (let t = 0; t < e.length; t += 20) {
          const mean = e.slice(t, t + 20).reduce((a, v) => a + v, 0) / 20;
          for (let i = 0; i < 20; i++) expect(out[t + i]).toBeCloseTo(mean, 4);
        }
        // A gain adds the same log offset to every band: liftering at any order keeps it exactly.
        const shifted = liftered(
          e.map((v) => v + gain),
          lifterMatrix(20, 12),
          20,
        );
        const base = liftered(e, lifterMatrix(20, 12), 20);
        shifted.forEach((v, i) => {
          expect(v - base[i]).toBeCloseTo(gain, 3);
        });
      }),
      { seed: 8, numRuns: 40 },
    );
  });

  it('is a symmetric projection that removes the highest component', () => {
    const b = 20;
    const m = lifterMatrix(b, 12);
    for (let i = 0; i < b; i++)
      for (let j = 0; j < b; j++) {
        expect(m[i * b + j]).toBeCloseTo(m[j * b + i], 12);
        let sq = 0;
        for (let k = 0; k < b; k++) sq += m[i * b + k] * m[k * b + j];
        expect(sq).toBeCloseTo(m[i * b + j], 12);
      }
    // The alternating pattern (the highest DCT component) is removed entirely.
    const top = Float32Array.from({ length: b }, (_, i) => Math.cos((Math.PI * (b - 1) * (i + 0.5)) / b));
    for (const v of liftered(top, m, b)) expect(Math.abs(v)).toBeLessThan(1e-5);
  });
});

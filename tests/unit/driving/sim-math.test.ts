// The simulator's own elementary functions (engine-independent by construction) agree with the
// platform's to the stated errors, and its random numbers depend only on the seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atan, cos, sin } from '../../../src/data/driving/math';
import { hash2, noise1, Rng } from '../../../src/data/driving/random';

const FC = { seed: 20261201, numRuns: 2000 };

describe('simulator math', () => {
  it('sin and cos within 1e-9 of Math over ±1000 rad', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (x) => {
        expect(Math.abs(sin(x) - Math.sin(x))).toBeLessThan(1e-9);
        expect(Math.abs(cos(x) - Math.cos(x))).toBeLessThan(1e-9);
      }),
      FC,
    );
  });

  it('atan within 1e-9 of Math.atan, odd, in (−π/2, π/2)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expect(Math.abs(atan(x) - Math.atan(x))).toBeLessThan(1e-9);
        expect(atan(-x) === -atan(x)).toBe(true);
        expect(Math.abs(atan(x))).toBeLessThan(Math.PI / 2);
      }),
      FC,
    );
  });
});

describe('simulator random numbers', () => {
  it('a seed fixes the sequence; uniforms lie in [0, 1); different seeds differ', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        const c = new Rng(seed + 1);
        const xs = Array.from({ length: 16 }, () => a.next());
        expect(Array.from({ length: 16 }, () => b.next())).toEqual(xs);
        expect(Array.from({ length: 16 }, () => c.next())).not.toEqual(xs);
        for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('gauss has mean ≈ 0 and variance ≈ 1', () => {
    const r = new Rng(3);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const g = r.gauss();
      s += g;
      s2 += g * g;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });

  it('value noise stays in [0, 1] and is continuous', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: -1e4, max: 1e4, noNaN: true }), (key, x) => {
        const v = noise1(key, x);
        expect(v >= 0 && v <= 1).toBe(true);
        expect(Math.abs(noise1(key, x + 1e-6) - v)).toBeLessThan(1e-5);
        expect(hash2(key, Math.floor(x))).toBe(hash2(key, Math.floor(x)));
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, parseCurve } from '../../../src/engine/format/index';
import type { CurvePoint } from '../../../src/engine/types';

const point = (over: Record<string, unknown> = {}) => ({
  thetaX: 2,
  thetaH: 3,
  accuracy: 0.9,
  speedup: 4.5,
  macReduction: 6,
  memReduction: 3.2,
  occupancy: 0.15,
  ...over,
});

function parseOrCode(json: unknown): CurvePoint[] | string {
  try {
    return parseCurve(json);
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

describe('parseCurve', () => {
  it('accepts points and reads null or "Infinity" as an infinite MAC reduction', () => {
    const c = parseCurve([
      point(),
      point({ macReduction: null }),
      point({ macReduction: 'Infinity', extra: 1 }),
    ]);
    expect(c[0]).toEqual(point());
    expect(c[1].macReduction).toBe(Number.POSITIVE_INFINITY);
    expect(c[2]).toEqual(point({ macReduction: Number.POSITIVE_INFINITY }));
  });

  it('round-trips through JSON.stringify, which writes Infinity as null', () => {
    const p: CurvePoint = {
      thetaX: 1,
      thetaH: 0,
      rmse: 0.25,
      speedup: 2,
      macReduction: Number.POSITIVE_INFINITY,
      memReduction: 1.5,
      occupancy: 0.4,
    };
    expect(parseCurve(JSON.parse(JSON.stringify([p])))).toEqual([p]);
  });

  it.each([
    ['not an array', { points: [] }, /curve: \(root\)/],
    ['empty', [], /no points/],
    ['negative theta', [point({ thetaX: -1 })], /0\.thetaX/],
    ['fractional theta', [point({ thetaH: 1.5 })], /0\.thetaH/],
    ['theta above 255', [point({ thetaH: 256 })], /0\.thetaH/],
    ['accuracy above 1', [point({ accuracy: 1.5 })], /0\.accuracy/],
    ['neither accuracy nor rmse', [point({ accuracy: undefined })], /needs accuracy, rmse or errorRate/],
    ['zero speedup', [point({ speedup: 0 })], /0\.speedup/],
    ['null speedup', [point({ speedup: null })], /0\.speedup/],
    ['occupancy above 1', [point({ occupancy: 1.01 })], /0\.occupancy/],
    ['string number', [point({ memReduction: '3' })], /0\.memReduction/],
  ])('rejects %s', (_, json, message) => {
    const r = parseOrCode(json);
    expect(r).toMatch(/^bad-curve: /);
    expect(r).toMatch(message);
  });

  it('hostile JSON is rejected with FormatError, never another error', () => {
    fc.assert(
      fc.property(fc.anything(), (json) => {
        expect(parseOrCode(json)).toMatch(/^bad-curve/);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('any field replaced by any JSON parses to valid points or fails with FormatError', () => {
    const fields = Object.keys(point()).concat('rmse');
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
        const r = parseOrCode([point({ [field]: value })]);
        if (typeof r === 'string') return void expect(r).toMatch(/^bad-curve/);
        const p = r[0];
        expect(Number.isInteger(p.thetaX) && p.thetaX >= 0).toBe(true);
        expect(p.speedup > 0 && Number.isFinite(p.speedup)).toBe(true);
        expect(p.macReduction).toBeGreaterThan(0);
        expect(p.occupancy >= 0 && p.occupancy <= 1).toBe(true);
        expect(p.accuracy !== undefined || p.rmse !== undefined).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

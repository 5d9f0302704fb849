import { describe, expect, it } from 'vitest';
import { addCounters, computeFigures, layerCounters, zeroCounters } from '../../../src/engine/costs';

describe('cost figures (DESIGN.md 3)', () => {
  it('a hand-checked two-layer example', () => {
    // Layer 1: I = 4, H = 2, 10 steps, 12 inputs + 3 hidden fired.
    //   dense MACs 3·2·6·10 = 360; delta MACs 3·2·15 = 90; delta cost 90 + 2·6·10 = 210
    //   dense mem 360 + 60 = 420; delta mem 90 + 4·60 = 330
    // Layer 2: I = 2, H = 3, 10 steps, 5 + 10 fired.
    //   dense MACs 3·3·5·10 = 450; delta MACs 3·3·15 = 135; delta cost 135 + 100 = 235
    //   dense mem 450 + 50 = 500; delta mem 135 + 200 = 335
    const c = { layers: [layerCounters(4, 2, 10, 12, 3), layerCounters(2, 3, 10, 5, 10, 2, 1)] };
    const f = computeFigures(c);
    expect(f.denseMacs).toBe(810);
    expect(f.deltaMacs).toBe(225);
    expect(f.deltaCost).toBe(445);
    expect(f.speedup).toBeCloseTo(810 / 445, 12);
    expect(f.macReduction).toBeCloseTo(810 / 225, 12);
    expect(f.memReduction).toBeCloseTo(920 / 665, 12);
    expect(f.occupancy).toEqual([15 / 60, 15 / 50]);
    expect(f.occupancyAll).toBeCloseTo(30 / 110, 12);
    expect(f.saturations).toBe(3);
  });

  it('nothing fired: MAC reduction is Infinity, the speedup stays finite', () => {
    const f = computeFigures({ layers: [layerCounters(3, 2, 5, 0, 0)] });
    expect(f.macReduction).toBe(Infinity);
    expect(f.speedup).toBe((3 * 2 * 5 * 5) / (2 * 5 * 5));
    expect(f.occupancyAll).toBe(0);
  });

  it('no steps at all: ratios are 1, occupancy 0', () => {
    const f = computeFigures(zeroCounters(2));
    expect([f.speedup, f.macReduction, f.memReduction, f.occupancyAll]).toEqual([1, 1, 1, 0]);
  });

  it('counters add field by field and figures follow the sums', () => {
    const a = { layers: [layerCounters(4, 2, 10, 12, 3)] };
    const b = { layers: [layerCounters(4, 2, 7, 1, 9, 1, 0)] };
    const sum = addCounters(structuredClone(a), b);
    expect(sum).toEqual({ layers: [layerCounters(4, 2, 17, 13, 12, 1, 0)] });
    expect(() => addCounters(zeroCounters(2), a)).toThrow(RangeError);
  });
});

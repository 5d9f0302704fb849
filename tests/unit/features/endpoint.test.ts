import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEndpointGate, DEFAULT_GATE } from '../../../src/engine/features/endpoint';

const levels = (...runs: [number, number][]) =>
  Float64Array.from(runs.flatMap(([db, n]) => new Array(n).fill(db)));

describe('endpoint gate', () => {
  it('finds a word in silence and trims it with the pads', () => {
    const g = createEndpointGate();
    expect(g.push(levels([-80, 50]))).toBe('waiting');
    expect(g.start).toBe(-1);
    expect(g.push(levels([-20, 60]))).toBe('speech');
    expect(g.push(levels([-80, 100]))).toBe('ended');
    expect(g.start).toBe(50 - DEFAULT_GATE.padFrames);
    expect(g.end).toBe(110 + DEFAULT_GATE.padFrames);
  });

  it('ignores a click shorter than the onset and a pause shorter than the hangover', () => {
    const g = createEndpointGate();
    g.push(levels([-80, 10], [-10, 2], [-80, 10], [-20, 30], [-80, 20], [-20, 30], [-80, 10]));
    expect(g.state).toBe('speech');
    expect(g.start).toBe(22 - DEFAULT_GATE.padFrames);
    expect(g.end).toBe(102 + DEFAULT_GATE.padFrames);
  });

  it('follows the noise floor: steady room noise above the absolute level is not speech', () => {
    const g = createEndpointGate();
    expect(g.push(levels([-40, 200]))).toBe('waiting');
    expect(g.push(levels([-15, 10]))).toBe('speech');
  });

  it('ends the kept frames where the last window ends in speech (overhang)', () => {
    const g = createEndpointGate({ ...DEFAULT_GATE, overhangFrames: 2 });
    g.push(levels([-80, 10], [-20, 30], [-80, 50]));
    expect(g.start).toBe(10 - DEFAULT_GATE.padFrames);
    expect(g.end).toBe(40 + DEFAULT_GATE.padFrames - 2);
  });

  it('takes no word that was under way when listening began, only the next one', () => {
    const g = createEndpointGate();
    g.push(levels([-20, 30], [-80, 40], [-20, 30], [-80, 40]));
    expect(g.start).toBe(70 - DEFAULT_GATE.padFrames);
    expect(g.end).toBe(100 + DEFAULT_GATE.padFrames);
  });

  it('digital silence (−inf dB) stays silence', () => {
    const g = createEndpointGate();
    expect(g.push(levels([Number.NEGATIVE_INFINITY, 500]))).toBe('waiting');
  });

  it('keeps a range inside the frames seen, however the levels come', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -120, max: 0, noNaN: true }), { maxLength: 400 }), (xs) => {
        const g = createEndpointGate();
        g.push(Float64Array.from(xs));
        if (g.start >= 0) {
          expect(g.start).toBeLessThan(g.end);
          expect(g.end).toBeLessThanOrEqual(xs.length);
        } else expect(g.state).toBe('waiting');
      }),
      { seed: 12 },
    );
  });
});

// The step timing the cost meter shows: interleaved rounds within a budget, per-step figures from the
// medians, the kernels it ran on named, and the model's state and counters left as a run leaves them.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { DEFAULT_FIXED_POINT, randomModel } from '../../../src/engine/random-model';
import { measureStepTime } from '../../../src/engine/timing/step-timing';

const model = randomModel({
  inputSize: 6,
  hiddenSizes: [8],
  outputs: 3,
  seed: 5,
  fixedPoint: DEFAULT_FIXED_POINT,
});
const T = 12;
const frames = Int8Array.from({ length: (T + 3) * 6 }, (_, k) => ((k * 37) % 41) - 20);
const th = { thetaX: [2], thetaH: [3] };

/** A clock that moves `ms` each time it is read. */
function tickingClock(ms: number) {
  let t = 0;
  let reads = 0;
  return {
    now: () => {
      reads++;
      t += ms;
      return t;
    },
    reads: () => reads,
  };
}

describe('step timing', () => {
  it('turns the median of timed runs into µs per step (a clock moving 1 ms a read: 1000 / steps)', () => {
    const clock = tickingClock(1);
    const t = measureStepTime(compileModel(model, 'fixed'), th, frames, T, {
      now: clock.now,
      minSampleMs: 0.5,
      budgetMs: 4,
      minRounds: 3,
      maxRounds: 9,
      offset: 2,
    });
    expect(t.repeats).toBe(1);
    expect(t.steps).toBe(T);
    expect(t.denseUsPerStep).toBeCloseTo(1000 / T, 9);
    expect(t.deltaUsPerStep).toBeCloseTo(1000 / T, 9);
    expect(t.measuredSpeedup).toBe(1);
    // Rounds go on past the minimum until the 4 ms budget is spent (each round reads the clock 5 times).
    expect(t.rounds).toBeGreaterThanOrEqual(3);
    expect(t.rounds).toBeLessThan(9);
    expect(clock.reads()).toBeGreaterThan(0);
  });

  it('repeats a short sequence until one measurement is long enough to read, and stops at maxRounds', () => {
    const t = measureStepTime(compileModel(model, 'fixed'), th, frames, T, {
      now: () => performance.now(),
      minSampleMs: 1,
      budgetMs: 1e9,
      maxRounds: 4,
    });
    expect(t.rounds).toBe(4);
    expect(t.repeats).toBeGreaterThan(1);
    expect(Math.log2(t.repeats) % 1).toBe(0);
    expect(t.denseUsPerStep).toBeGreaterThan(0);
    expect(t.deltaUsPerStep).toBeGreaterThan(0);
    expect(Number.isFinite(t.measuredSpeedup)).toBe(true);
  });

  it('names the kernels: WebAssembly for fixed point, TypeScript for float', () => {
    const opts = { now: () => performance.now(), minSampleMs: 0.2, maxRounds: 3 };
    expect(measureStepTime(compileModel(model, 'fixed'), th, frames, T, opts).kernel).toBe('wasm');
    expect(measureStepTime(compileModel(model, 'float'), th, frames, T, opts).kernel).toBe('typescript');
  });

  it('refuses an empty sequence', () => {
    expect(() => measureStepTime(compileModel(model, 'fixed'), th, frames, 0, { now: () => 0 })).toThrow(
      RangeError,
    );
  });
});

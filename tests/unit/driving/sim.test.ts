// The road simulator: deterministic from its seed, physically bounded labels, smooth video,
// and a closed loop in which the built-in driver keeps the car on the road and a wild one does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clipDigest,
  FRAME_HEIGHT,
  FRAME_WIDTH,
  MAX_STEERING_DEG,
  RoadSimulator,
  renderClip,
  seedSplit,
  TEST_SEEDS,
  TRAIN_SEEDS,
  VALIDATION_SEEDS,
} from '../../../src/data/driving';

const SIZE = FRAME_WIDTH * FRAME_HEIGHT;
const seedArb = fc.integer({ min: 1, max: 299_999 });

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
  return d / a.length;
}

describe('renderClip', () => {
  it('the same seed gives the same frames and labels; another seed gives others', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const a = renderClip({ seed, frames: 60 });
        const b = renderClip({ seed, frames: 60 });
        expect(a.frames).toEqual(b.frames);
        expect(a.steering).toEqual(b.steering);
        expect(clipDigest(a)).toBe(clipDigest(b));
        expect(clipDigest(renderClip({ seed: seed + 1, frames: 60 }))).not.toBe(clipDigest(a));
      }),
      { seed: 101, numRuns: 8 },
    );
  });

  it('has the declared shape; a prefix of a longer clip is the shorter clip', () => {
    const long = renderClip({ seed: 42, frames: 50 });
    const short = renderClip({ seed: 42, frames: 20 });
    expect([long.width, long.height, long.frames.length, long.steering.length]).toEqual([
      64,
      32,
      50 * SIZE,
      50,
    ]);
    expect(long.frames.subarray(0, 20 * SIZE)).toEqual(short.frames);
    expect(long.steering.subarray(0, 20)).toEqual(short.steering);
  });

  it('angles are finite, within the physical bound, and those of a driver on a road (|δ| ≤ 120°)', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const clip = renderClip({ seed, frames: 400 });
        for (const a of clip.steering) {
          expect(Number.isFinite(a)).toBe(true);
          expect(Math.abs(a)).toBeLessThanOrEqual(MAX_STEERING_DEG);
          expect(Math.abs(a)).toBeLessThanOrEqual(120);
        }
        // The label is not constant: the driver does steer.
        expect(Math.max(...clip.steering) - Math.min(...clip.steering)).toBeGreaterThan(0.5);
      }),
      { seed: 202, numRuns: 10 },
    );
  });

  it('consecutive frames differ, but little (mean |Δpixel| ≤ 12 each, ≤ 4 on average)', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const clip = renderClip({ seed, frames: 300 });
        let same = 0;
        let total = 0;
        for (let t = 1; t < 300; t++) {
          const d = meanAbsDiff(
            clip.frames.subarray((t - 1) * SIZE, t * SIZE),
            clip.frames.subarray(t * SIZE, (t + 1) * SIZE),
          );
          expect(d).toBeLessThanOrEqual(12);
          if (d === 0) same++;
          total += d;
        }
        expect(same).toBe(0);
        expect(total / 299).toBeLessThanOrEqual(4);
      }),
      { seed: 303, numRuns: 6 },
    );
  });

  it('frames are not blank: each spans a range of grey', () => {
    const clip = renderClip({ seed: 7, frames: 100 });
    for (let t = 0; t < 100; t++) {
      const f = clip.frames.subarray(t * SIZE, (t + 1) * SIZE);
      expect(Math.max(...f) - Math.min(...f)).toBeGreaterThan(60);
    }
  });
});

describe('RoadSimulator', () => {
  it('driven by its own driver, it replays renderClip frame for frame', () => {
    const clip = renderClip({ seed: 9, frames: 40 });
    const sim = new RoadSimulator(9);
    expect(sim.observe()).toEqual(clip.frames.subarray(0, SIZE));
    for (let t = 0; t < 39; t++) {
      const r = sim.step();
      expect(r.steering).toBeCloseTo(clip.steering[t], 4);
      expect(r.frame).toEqual(clip.frames.subarray((t + 1) * SIZE, (t + 2) * SIZE));
    }
  });

  it.each([1, 2, 3, 100_001, 200_000, 200_001])(
    'the built-in driver keeps seed %i on the road for 2000 frames',
    (seed) => {
      const sim = new RoadSimulator(seed);
      let worst = 0;
      for (let t = 0; t < 2000; t++) {
        const r = sim.step();
        expect(r.offRoad).toBe(false);
        worst = Math.max(worst, Math.abs(r.lateralError));
      }
      expect(worst).toBeLessThan(1.2);
    },
  );

  it('a wild steering input leaves the road, sets offRoad, and the car stays stopped there', () => {
    fc.assert(
      fc.property(seedArb, fc.constantFrom(-1, 1), (seed, side) => {
        const sim = new RoadSimulator(seed);
        let t = 0;
        let r = sim.step(side * MAX_STEERING_DEG);
        while (!r.offRoad && t < 100) {
          r = sim.step(side * MAX_STEERING_DEG);
          t++;
        }
        expect(r.offRoad).toBe(true);
        const parked = sim.step(0);
        expect(parked.offRoad).toBe(true);
        expect(sim.step(0).lateralError).toBe(parked.lateralError);
      }),
      { seed: 404, numRuns: 10 },
    );
  });

  it('commands are clamped to the physical bound; a non-number steers straight', () => {
    const sim = new RoadSimulator(5);
    expect(sim.step(1e6).steering).toBe(MAX_STEERING_DEG);
    expect(sim.step(-1e6).steering).toBe(-MAX_STEERING_DEG);
    expect(sim.step(Number.NaN).steering).toBe(0);
  });

  it('reset() starts the same drive again', () => {
    const fresh = new RoadSimulator(12);
    const first = Array.from({ length: 30 }, () => fresh.step());
    const sim = new RoadSimulator(12);
    for (let t = 0; t < 80; t++) sim.step(t % 2 ? 300 : -300);
    sim.reset();
    for (const want of first) {
      const r = sim.step();
      expect(r.frame).toEqual(want.frame);
      expect(r.steering).toBe(want.steering);
      expect(r.offRoad).toBe(false);
    }
  });
});

describe('seed ranges', () => {
  it('train, validation and test are disjoint and each seed belongs to its own', () => {
    const ranges = [TRAIN_SEEDS, VALIDATION_SEEDS, TEST_SEEDS];
    for (let i = 0; i < 3; i++)
      for (let j = i + 1; j < 3; j++) {
        const [a, b] = [ranges[i], ranges[j]];
        expect(a.first + a.count <= b.first || b.first + b.count <= a.first).toBe(true);
      }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.nat(), (k, n) => {
        const r = ranges[k];
        expect(seedSplit(r.first + (n % r.count))).toBe(['train', 'validation', 'test'][k]);
      }),
      { seed: 505 },
    );
    expect(seedSplit(0)).toBeUndefined();
    expect(seedSplit(1.5)).toBeUndefined();
    expect(seedSplit(TEST_SEEDS.first + TEST_SEEDS.count)).toBeUndefined();
  });
});

// Always-on listening: the listener's delta and dense networks give what the streaming API gives on
// the same frames, each frame's cost is section 3's row, rates are window sums scaled to a second, and
// a silent (constant) input after speech costs the delta network almost nothing while dense stays put.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { computeFigures } from '../../../src/engine/costs';
import { greedyStream } from '../../../src/engine/ctc';
import { randomModel } from '../../../src/engine/random-model';
import { argmax } from '../../../src/engine/readout';
import { runSequence } from '../../../src/engine/sequence';
import { createStreamer } from '../../../src/engine/stream';
import { createListener, createRateMeter } from '../../../src/engine/transcribe';
import { setWasmKernels } from '../../../src/engine/wasm/module';

afterEach(() => setWasmKernels(true));

function ctcModel(seed: number) {
  const m = randomModel({ inputSize: 8, hiddenSizes: [12, 10], outputs: 11, seed, gain: 2 });
  return { ...m, outputAt: 'every' as const };
}

function walk(steps: number, I: number, seed: number): Int8Array {
  let s = seed;
  const codes = new Int8Array(steps * I);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < I; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const prev = t > 0 ? codes[(t - 1) * I + i] : 0;
      codes[t * I + i] = Math.max(-128, Math.min(127, prev + ((s >> 16) % 9) - 4));
    }
  }
  return codes;
}

describe('createRateMeter', () => {
  it('is the mean of the last window frames times the frame rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.nat(1000), { maxLength: 50 }), (w, costs) => {
        const m = createRateMeter(w, 100);
        costs.forEach((c, t) => {
          const last = costs.slice(Math.max(0, t - w + 1), t + 1);
          const want = (last.reduce((a, b) => a + b, 0) / last.length) * 100;
          expect(m.push(c)).toBeCloseTo(want, 6);
        });
      }),
      { seed: 17, numRuns: 200 },
    );
  });
});

describe('createListener', () => {
  for (const wasm of [true, false]) {
    it(`matches the streams and the whole-sequence costs (${wasm ? 'WebAssembly' : 'TypeScript'})`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 1e6 }),
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 0, max: 6 }),
          (seed, steps, theta) => {
            setWasmKernels(wasm);
            const cm = compileModel(ctcModel(seed), 'fixed');
            const th = { thetaX: [theta, theta], thetaH: [theta, theta] };
            const codes = walk(steps, 8, seed + 1);
            const li = createListener(cm, th, { blank: 10, framesPerSecond: 100, windowFrames: 5 });
            // Two pushes of uneven size are one stream.
            const cut = Math.floor(steps / 3);
            const a = li.push(codes.subarray(0, cut * 8), cut);
            const b = li.push(codes.subarray(cut * 8), steps - cut);
            const s = createStreamer(cm, th);
            const d = createStreamer(cm, th, { dense: true });
            const e = greedyStream(10);
            const de = greedyStream(10);
            const emitted = [...a.emitted, ...b.emitted];
            const denseEmitted = [...a.denseEmitted, ...b.denseEmitted];
            for (let t = 0; t < steps; t++) {
              const fr = codes.subarray(t * 8, (t + 1) * 8);
              expect(emitted[t]).toBe(e.push(argmax(s.step(fr))));
              expect(denseEmitted[t]).toBe(de.push(argmax(d.step(fr))));
            }
            const ref = computeFigures(runSequence(cm, th, codes, steps).costs);
            const tot = li.totals();
            const sum = (x: Float64Array[]) => x.reduce((acc, v) => acc + v.reduce((p, q) => p + q, 0), 0);
            expect(tot.frames).toBe(steps);
            expect(tot.deltaOps).toBe(ref.deltaCost);
            expect(tot.denseOps).toBe(ref.denseCost);
            expect(sum([a.deltaOps, b.deltaOps])).toBe(ref.deltaCost);
            expect(sum([a.denseOps, b.denseOps])).toBe(ref.denseCost);
            expect(tot.occupancy).toEqual(ref.occupancy);
            // Per frame: section 3's cost row from this frame's fired counts, per layer.
            const fired = [...a.fired, ...b.fired];
            const all = [...a.deltaOps, ...b.deltaOps];
            for (let t = 0; t < steps; t++) {
              let want = 0;
              cm.layers.forEach((L, l) => {
                want += 3 * L.hiddenSize * fired[t * 2 + l] + 2 * (L.inputSize + L.hiddenSize);
              });
              expect(all[t]).toBe(want);
            }
          },
        ),
        { seed: 18, numRuns: 60 },
      );
    });
  }

  it('costs only the delta overhead on a constant input once settled, while dense stays at its full cost', () => {
    const cm = compileModel(ctcModel(3), 'fixed');
    const th = { thetaX: [2, 2], thetaH: [2, 2] };
    const li = createListener(cm, th, { blank: 10, framesPerSecond: 100, windowFrames: 20 });
    li.push(walk(100, 8, 9), 100);
    const quiet = new Int8Array(200 * 8).fill(-40);
    const q = li.push(quiet, 200);
    const denseFrame = cm.layers.reduce((s, L) => s + 3 * L.hiddenSize * (L.inputSize + L.hiddenSize), 0);
    expect(q.denseRate[199]).toBe(denseFrame * 100);
    // Settled: nothing fires, so only the delta overhead 2(I + H) per layer is left.
    const overhead = cm.layers.reduce((s, L) => s + 2 * (L.inputSize + L.hiddenSize), 0);
    expect(Array.from(q.fired.subarray(150 * 2))).toEqual(new Array(50 * 2).fill(0));
    expect(q.deltaRate[199]).toBeCloseTo(overhead * 100, 6);
    expect(q.deltaRate[199]).toBeLessThan(0.1 * q.denseRate[199]);
    li.reset();
    expect(li.totals().frames).toBe(0);
  });

  it('refuses too few codes', () => {
    const cm = compileModel(ctcModel(1), 'fixed');
    const li = createListener(cm, { thetaX: [0, 0], thetaH: [0, 0] }, { blank: 10, framesPerSecond: 100 });
    expect(() => li.push(new Int8Array(7), 1)).toThrow(RangeError);
  });
});

// The closed-loop stepper: pixels → CNN → delta-GRU one frame at a time gives exactly what the
// whole-sequence API gives on the CNN's feature sequence, and the whole-network cost adds the CNN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderClip } from '../../../src/data/driving';
import {
  cnnCostPerFrame,
  cnnFeatureSequence,
  compileCnn,
  createDeltaCnn,
  deltaCnnStep,
} from '../../../src/engine/cnn';
import { compileModel } from '../../../src/engine/compile';
import { addCounters, computeFigures, layerCounters, zeroCounters } from '../../../src/engine/costs';
import { runSequence } from '../../../src/engine/sequence';
import type { NumericMode } from '../../../src/engine/types';
import { createPixelStepper, wholeNetworkCost } from '../../../src/engine/vision';
import { drivingModel } from '../workers/driving-fixtures';

const model = drivingModel();
const cnn = compileCnn(model.cnn!);
const clip = renderClip({ seed: 200_003, frames: 30 });
const codes = cnnFeatureSequence(cnn, clip.frames);
const px = 64 * 32;
const th = (x: number, h: number) => ({ thetaX: [x], thetaH: [h] });

describe('createPixelStepper', () => {
  it('steps pixels to the same outputs, firing and costs as runSequence on the features', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom<NumericMode>('fixed', 'float'),
        (x, h, mode) => {
          const cm = compileModel(model, mode);
          const ref = runSequence(cm, th(x, h), codes, 30, { trace: true });
          const stepper = createPixelStepper(cnn, cm, th(x, h));
          const sum = zeroCounters(1);
          const ref2 = createDeltaCnn(compileCnn(model.cnn!));
          const codes2 = new Int8Array(8);
          for (let t = 0; t < 30; t++) {
            const s = stepper.step(clip.frames.subarray(t * px, (t + 1) * px));
            expect(s.cnnMacs).toBe(deltaCnnStep(ref2, clip.frames.subarray(t * px, (t + 1) * px), codes2));
            expect(s.cnnMacs).toBeLessThanOrEqual(cnnCostPerFrame(model.cnn!).macs);
            expect(s.output[0]).toBe(ref.trace!.output[t]);
            expect(Array.from(s.features)).toEqual(Array.from(codes.subarray(t * 8, (t + 1) * 8)));
            expect(s.nx[0]).toBe(ref.trace!.layers[0].nx[t]);
            expect(s.nh[0]).toBe(ref.trace!.layers[0].nh[t]);
            expect(s.fired[0].reduce((a, b) => a + b, 0)).toBe(s.nx[0] + s.nh[0]);
            addCounters(sum, s.costs);
          }
          expect(sum).toEqual(ref.costs);
          expect(stepper.t).toBe(30);
        },
      ),
      { seed: 9, numRuns: 12 },
    );
  });

  it('takes new thresholds without a reset, and reset starts over', () => {
    const cm = compileModel(model, 'fixed');
    const a = createPixelStepper(cnn, cm, th(0, 0));
    const frame = (t: number) => clip.frames.subarray(t * px, (t + 1) * px);
    for (let t = 0; t < 10; t++) a.step(frame(t));
    a.setThresholds(th(40, 40));
    // Θ far above any change: after the switch nothing fires, the state is held.
    const quiet = a.step(frame(10));
    expect(quiet.nx[0] + quiet.nh[0]).toBe(0);
    a.reset();
    a.setThresholds(th(0, 0));
    const fresh = createPixelStepper(cnn, cm, th(0, 0));
    const again = a.step(frame(0));
    const first = fresh.step(frame(0));
    expect(again.output[0]).toBe(first.output[0]);
    // The delta CNN starts over too: the first frame after a reset costs what a first frame costs.
    expect(again.cnnMacs).toBe(first.cnnMacs);
    expect(a.t).toBe(1);
  });

  it('refuses a CNN whose features do not fit the GRU', () => {
    const other = compileModel({ ...model, layers: [{ ...model.layers[0], inputSize: 9 }] }, 'float');
    expect(() => createPixelStepper(cnn, other, th(0, 0))).toThrow(/8 features/);
  });
});

describe('wholeNetworkCost', () => {
  it('adds the CNN to both sides per frame (a hand-computed case)', () => {
    // I = 8, H = 16, 10 frames, 20 entries fired in all: dense 3·16·24 = 1152 a frame,
    // delta 3·16·20/10 + 2·24 = 96 + 48 = 144 a frame.
    const gru = { layers: [layerCounters(8, 16, 10, 12, 8)] };
    const cost = cnnCostPerFrame(model.cnn!);
    const w = wholeNetworkCost(cost, gru);
    expect(w.frames).toBe(10);
    expect(w.gruDenseCost).toBe(1152);
    expect(w.gruDeltaCost).toBe(144);
    expect(w.wholeDenseCost).toBe(cost.macs + 1152);
    expect(w.wholeDeltaCost).toBe(cost.macs + 144);
    expect(w.gruSpeedup).toBe(computeFigures(gru).speedup);
    expect(w.wholeSpeedup).toBeCloseTo((cost.macs + 1152) / (cost.macs + 144), 12);
    expect(w.wholeSpeedup).toBeLessThan(w.gruSpeedup);
    expect(w.cnnShare).toBeCloseTo(cost.macs / (cost.macs + 144), 12);
  });

  it('adds a delta CNN’s MACs when one ran', () => {
    const gru = { layers: [layerCounters(8, 16, 10, 12, 8)] };
    const cost = cnnCostPerFrame(model.cnn!);
    const w = wholeNetworkCost(cost, gru, 10 * 500);
    expect(w.deltaCnn).toEqual({
      cnnMacs: 500,
      wholeDeltaCost: 500 + 144,
      wholeSpeedup: (cost.macs + 1152) / (500 + 144),
    });
    expect(wholeNetworkCost(cost, gru).deltaCnn).toBeUndefined();
  });

  it('is 1x with no frames', () => {
    const w = wholeNetworkCost(cnnCostPerFrame(model.cnn!), zeroCounters(1));
    expect(w.frames).toBe(0);
    expect(w.wholeSpeedup).toBe(1);
  });
});

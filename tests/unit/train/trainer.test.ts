import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/random';
import type { Example } from '../../../tools/train/dataset';
import { PARAM_KEYS } from '../../../tools/train/gru';
import { FULL, forwardFor } from '../../../tools/train/methods';
import { evaluate, rampedForward, specMask, type TrainSettings, train } from '../../../tools/train/trainer';

const I = 4;

/** Two classes: a rising or a falling ramp on the first input, with noise; quantized to 1/16. */
function examples(n: number, seed: number): Example[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, k) => {
    const label = k % 2;
    const T = 6 + (k % 5);
    const x = new Float32Array(T * I);
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < I; i++) {
        const ramp = i === 0 ? (label ? t : T - t) / T : 0;
        x[t * I + i] = Math.round((ramp + 0.2 * (rng() - 0.5)) * 16) / 16;
      }
    }
    const codes = Int8Array.from(x, (v) => v * 16);
    return { file: { id: `s${k}`, path: '', digit: label, speaker: 'x', take: k }, codes, x, length: T };
  });
}

const settings = (method: 'dense' | 'delta-l1', gain = 0): TrainSettings => ({
  hidden: 6,
  classes: 2,
  epochs: 8,
  batch: 8,
  lr: 0.02,
  clip: 5,
  patience: 100,
  seed: 3,
  forward: forwardFor(method, { ...FULL, trainTheta: 1, l1Beta: 1e-3 }),
  gain,
  gainShift: [1, 1, 1, 1],
  gainFloor: [-1, -1, -1, -1],
});

describe('trainer', () => {
  const trainSet = examples(48, 1);
  const valSet = examples(16, 2);

  it('learns a separable toy task', () => {
    const r = train(settings('dense'), trainSet, valSet, null, () => {});
    expect(evaluate(r.params, valSet, settings('dense').forward).accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.epochs[r.epochs.length - 1].trainLoss).toBeLessThan(r.epochs[0].trainLoss);
  });

  it('learns the toy task with the loss over the last half of the steps, deterministically', () => {
    const s = { ...settings('dense'), tailLoss: 0.5 };
    const a = train(s, trainSet, valSet, null, () => {});
    expect(evaluate(a.params, valSet, s.forward).accuracy).toBeGreaterThanOrEqual(0.9);
    const b = train(s, trainSet, valSet, null, () => {});
    for (const k of PARAM_KEYS) expect(Array.from(a.params[k])).toEqual(Array.from(b.params[k]));
    const last = train(settings('dense'), trainSet, valSet, null, () => {});
    expect(Array.from(last.params.wHh)).not.toEqual(Array.from(a.params.wHh));
  });

  it('spec masks zero whole bands and whole frames, never more than asked', () => {
    const bands = 5;
    const frames = 12;
    const x = Float32Array.from({ length: bands * frames }, (_, i) => 1 + i);
    for (let seed = 1; seed <= 20; seed++) {
      const y = specMask(
        x,
        bands,
        { freqMasks: 1, freqWidth: 2, timeMasks: 1, timeWidth: 3 },
        mulberry32(seed),
      );
      expect(x[0]).toBe(1);
      const zeroBands = Array.from({ length: bands }, (_, b) => b).filter((b) =>
        Array.from({ length: frames }, (_, t) => y[t * bands + b]).every((v) => v === 0),
      );
      const zeroFrames = Array.from({ length: frames }, (_, t) => t).filter((t) =>
        Array.from(y.subarray(t * bands, (t + 1) * bands)).every((v) => v === 0),
      );
      expect(zeroBands.length).toBeLessThanOrEqual(2);
      expect(zeroFrames.length).toBeLessThanOrEqual(zeroBands.length === bands ? frames : 3);
      // Every zero is in a masked band or frame; everything else is unchanged.
      for (let i = 0; i < y.length; i++)
        if (!zeroBands.includes(i % bands) && !zeroFrames.includes(Math.floor(i / bands)))
          expect(y[i]).toBe(x[i]);
    }
  });

  it('is deterministic for a seed, including noise and gain augmentation', () => {
    const s = { ...settings('delta-l1', 0.5), forward: { ...forwardFor('noise', FULL) } };
    const a = train(s, trainSet, valSet, null, () => {});
    const b = train(s, trainSet, valSet, null, () => {});
    for (const k of PARAM_KEYS) expect(Array.from(a.params[k])).toEqual(Array.from(b.params[k]));
    const c = train({ ...s, seed: 4 }, trainSet, valSet, null, () => {});
    expect(Array.from(c.params.wHh)).not.toEqual(Array.from(a.params.wHh));
  });

  it('keeps the weights of the best validation epoch and stops after `patience` epochs', () => {
    const r = train({ ...settings('dense'), patience: 2 }, trainSet, valSet, null, () => {});
    const bestVal = Math.max(...r.epochs.map((e) => e.valAccuracy));
    expect(r.epochs[r.bestEpoch - 1].valAccuracy).toBe(bestVal);
    expect(r.epochs.length - r.bestEpoch).toBeLessThanOrEqual(2);
    expect(evaluate(r.params, valSet, settings('dense').forward).accuracy).toBeCloseTo(bestVal, 10);
  });

  it('a threshold ramp scales the training thresholds up to full, validates at full and changes the fit', () => {
    const f = settings('delta-l1').forward;
    expect(rampedForward(f, 1, 3)).toEqual({ ...f, thetaX: f.thetaX / 4, thetaH: f.thetaH / 4 });
    expect(rampedForward(f, 3, 3).thetaH).toBeCloseTo((3 / 4) * f.thetaH, 12);
    expect(rampedForward(f, 4, 3)).toBe(f);
    expect(rampedForward(f, 1, 0)).toBe(f);
    const plain = train(settings('delta-l1'), trainSet, valSet, null, () => {});
    const ramped = train({ ...settings('delta-l1'), thetaRamp: 3 }, trainSet, valSet, null, () => {});
    expect(Array.from(ramped.params.wHh)).not.toEqual(Array.from(plain.params.wHh));
    // Validation reads the full thresholds whatever the epoch: the best epoch's score is reproducible.
    const best = ramped.epochs[ramped.bestEpoch - 1].valAccuracy;
    expect(evaluate(ramped.params, valSet, f).accuracy).toBeCloseTo(best, 10);
  });
});

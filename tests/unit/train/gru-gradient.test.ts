import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/random';
import {
  type ForwardConfig,
  type GruParams,
  initParams,
  type LabelledSequence,
  PARAM_KEYS,
  runBatch,
  zeroParams,
} from '../../../tools/train/gru';

const I = 3;
const H = 4;
const C = 3;

const dense: ForwardConfig = {
  roundStep: 0,
  delta: false,
  thetaX: 0,
  thetaH: 0,
  noiseX: 0,
  noiseH: 0,
  l1: 0,
  monitorThetaX: 0,
  monitorThetaH: 0,
};

function setup(seed: number) {
  const rng = mulberry32(seed);
  const p = initParams(I, H, C, rng);
  // Larger weights than the default init make the gates work in their non-linear range.
  for (const key of PARAM_KEYS) for (let i = 0; i < p[key].length; i++) p[key][i] *= 2;
  const batch: LabelledSequence[] = [5, 2, 7].map((t, b) => ({
    x: Float32Array.from({ length: t * I }, () => 2 * rng() - 1),
    label: b % C,
  }));
  return { p, batch };
}

function numericGrad(
  p: GruParams,
  batch: LabelledSequence[],
  cfg: ForwardConfig,
  key: (typeof PARAM_KEYS)[number],
  i: number,
  tail = 0,
  teacher: { p: GruParams; alpha: number } | null = null,
) {
  const eps = 1e-6;
  const keep = p[key][i];
  p[key][i] = keep + eps;
  const up = runBatch(p, batch, cfg, null, null, tail, teacher).loss;
  p[key][i] = keep - eps;
  const down = runBatch(p, batch, cfg, null, null, tail, teacher).loss;
  p[key][i] = keep;
  return (up - down) / (2 * eps);
}

describe('GRU BPTT', () => {
  for (const [name, cfg] of [
    ['dense cross-entropy', dense],
    ['with the L1 cost on hidden changes', { ...dense, l1: 0.05 }],
  ] as const) {
    it(`matches finite differences: ${name}`, () => {
      const { p, batch } = setup(7);
      const g = zeroParams(I, H, C);
      runBatch(p, batch, cfg, null, g);
      for (const key of PARAM_KEYS) {
        for (let i = 0; i < p[key].length; i++) {
          const num = numericGrad(p, batch, cfg, key, i);
          expect(Math.abs(g[key][i] - num), `${key}[${i}]`).toBeLessThan(1e-6 + 1e-4 * Math.abs(num));
        }
      }
    });
  }

  it('matches finite differences with the loss over the last half of the steps (tail)', () => {
    const { p, batch } = setup(7);
    const g = zeroParams(I, H, C);
    const withTail = runBatch(p, batch, dense, null, g, 0.5);
    // A different loss from the final step's alone, the same prediction (the final step's).
    const last = runBatch(p, batch, dense, null, null);
    expect(Math.abs(withTail.loss - last.loss)).toBeGreaterThan(1e-6);
    expect([...withTail.predictions]).toEqual([...last.predictions]);
    for (const key of PARAM_KEYS) {
      for (let i = 0; i < p[key].length; i++) {
        const num = numericGrad(p, batch, dense, key, i, 0.5);
        expect(Math.abs(g[key][i] - num), `${key}[${i}]`).toBeLessThan(1e-6 + 1e-4 * Math.abs(num));
      }
    }
  });

  it('matches finite differences when distilling from a teacher, and the teacher changes the loss', () => {
    const { p, batch } = setup(7);
    const teacher = { p: setup(9).p, alpha: 0.5 };
    const cfg = dense;
    const g = zeroParams(I, H, C);
    const distilled = runBatch(p, batch, cfg, null, g, 0.5, teacher);
    const plain = runBatch(p, batch, cfg, null, null, 0.5);
    expect(Math.abs(distilled.loss - plain.loss)).toBeGreaterThan(1e-6);
    expect([...distilled.predictions]).toEqual([...plain.predictions]);
    // alpha 0 is the label alone, exactly.
    expect(runBatch(p, batch, cfg, null, null, 0.5, { ...teacher, alpha: 0 }).loss).toBe(plain.loss);
    for (const key of PARAM_KEYS) {
      for (let i = 0; i < p[key].length; i++) {
        const num = numericGrad(p, batch, cfg, key, i, 0.5, teacher);
        expect(Math.abs(g[key][i] - num), `${key}[${i}]`).toBeLessThan(1e-6 + 1e-4 * Math.abs(num));
      }
    }
    expect(() => runBatch(p, batch, cfg, null, null, 0, teacher)).toThrow(/tail loss/);
  });

  it('a batch gives the sums of its sequences run one at a time (variable lengths)', () => {
    const { p, batch } = setup(3);
    const gAll = zeroParams(I, H, C);
    const all = runBatch(p, batch, { ...dense, l1: 0.01 }, null, gAll);
    const gOne = zeroParams(I, H, C);
    let loss = 0;
    batch.forEach((s, b) => {
      const one = runBatch(p, [s], { ...dense, l1: 0.01 }, null, gOne);
      loss += one.loss;
      expect(one.predictions[0]).toBe(all.predictions[b]);
    });
    expect(all.loss).toBeCloseTo(loss, 10);
    for (const key of PARAM_KEYS)
      for (let i = 0; i < gAll[key].length; i++) expect(gAll[key][i]).toBeCloseTo(gOne[key][i], 10);
  });

  it('the delta forward at zero thresholds equals the dense forward', () => {
    const { p, batch } = setup(5);
    const a = runBatch(p, batch, dense, null, null);
    const d = runBatch(p, batch, { ...dense, delta: true }, null, null);
    expect(d.loss).toBeCloseTo(a.loss, 12);
  });

  it('large delta thresholds change the forward pass and the monitor counts fewer firings', () => {
    const { p, batch } = setup(5);
    const cfg = { ...dense, delta: true, thetaX: 0.5, thetaH: 0.2, monitorThetaX: 0.5, monitorThetaH: 0.2 };
    const a = runBatch(p, batch, dense, null, null);
    const d = runBatch(p, batch, cfg, null, null);
    expect(Math.abs(d.loss - a.loss)).toBeGreaterThan(1e-6);
    expect(d.fired).toBeLessThan(a.fired);
    expect(a.possible).toBe(14 * (I + H));
  });
});

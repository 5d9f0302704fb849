// The GRU trainer's regression mode (a readout and a squared error at every step, as the driving
// models are trained): its gradient matches finite differences, and its error sum is the loss's.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/random';
import {
  type ForwardConfig,
  initParams,
  type LabelledSequence,
  PARAM_KEYS,
  runBatch,
  zeroParams,
} from '../../../tools/train/gru';

const I = 3;
const H = 4;
const C = 2;

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
  for (const key of PARAM_KEYS) for (let i = 0; i < p[key].length; i++) p[key][i] *= 2;
  const batch: LabelledSequence[] = [5, 2, 7].map((t) => ({
    x: Float32Array.from({ length: t * I }, () => 2 * rng() - 1),
    label: -1,
    targets: Float32Array.from({ length: t * C }, () => 2 * rng() - 1),
  }));
  return { p, batch };
}

describe('GRU BPTT, regression at every step', () => {
  for (const [name, cfg] of [
    ['squared error', dense],
    ['with the L1 cost on hidden changes', { ...dense, l1: 0.05 }],
  ] as const) {
    it(`matches finite differences: ${name}`, () => {
      const { p, batch } = setup(11);
      const g = zeroParams(I, H, C);
      runBatch(p, batch, cfg, null, g);
      const eps = 1e-6;
      for (const key of PARAM_KEYS) {
        for (let i = 0; i < p[key].length; i++) {
          const keep = p[key][i];
          p[key][i] = keep + eps;
          const up = runBatch(p, batch, cfg, null, null).loss;
          p[key][i] = keep - eps;
          const down = runBatch(p, batch, cfg, null, null).loss;
          p[key][i] = keep;
          const num = (up - down) / (2 * eps);
          expect(Math.abs(g[key][i] - num), `${key}[${i}]`).toBeLessThan(1e-6 + 1e-4 * Math.abs(num));
        }
      }
    });
  }

  it('the error sum counts every step and output; the loss weighs each sequence by 1/T', () => {
    const { p, batch } = setup(3);
    const all = runBatch(p, batch, dense, null, null);
    expect(all.outputs).toBe((5 + 2 + 7) * C);
    let loss = 0;
    let sq = 0;
    for (const s of batch) {
      const one = runBatch(p, [s], dense, null, null);
      sq += one.sqError;
      loss += one.sqError / (s.x.length / I);
    }
    expect(all.sqError).toBeCloseTo(sq, 10);
    expect(all.loss).toBeCloseTo(loss, 10);
    expect(Array.from(all.predictions)).toEqual([-1, -1, -1]);
  });
});

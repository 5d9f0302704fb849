// The stacked GRU + CTC trainer: gradients of every layer and the readout against finite
// differences (dense, and with the L1 cost), and a batch equal to its sequences run one by one.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/random';
import {
  type CtcSequence,
  initStack,
  runCtcBatch,
  type StackParams,
  stackArrays,
  zeroStack,
} from '../../../tools/train/ctc/stack';
import type { ForwardConfig } from '../../../tools/train/gru';

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
const BLANK = 3;

function setup(seed: number) {
  const rng = mulberry32(seed);
  const p = initStack(3, [4, 5], 4, rng);
  for (const a of stackArrays(p)) for (let i = 0; i < a.length; i++) a[i] *= 2;
  const batch: CtcSequence[] = [
    { T: 6, labels: [0, 1] },
    { T: 3, labels: [2] },
    { T: 8, labels: [1, 1, 0] },
  ].map(({ T, labels }) => ({
    x: Float32Array.from({ length: T * 3 }, () => 2 * rng() - 1),
    labels,
    frameLabels: Int32Array.from({ length: T }, () => Math.floor(rng() * 4)),
  }));
  return { p, batch };
}

const lossOf = (p: StackParams, batch: CtcSequence[], cfg: ForwardConfig, frameWeight: number) =>
  runCtcBatch(p, batch, cfg, BLANK, null, null, frameWeight).loss;

describe('stacked GRU + CTC', () => {
  for (const [name, cfg, frameWeight] of [
    ['dense', dense, 0],
    ['with the L1 cost on hidden changes', { ...dense, l1: 0.05 }, 0],
    ['with the auxiliary framewise cross-entropy', dense, 0.7],
  ] as const) {
    it(`matches finite differences in every layer and the readout: ${name}`, () => {
      const { p, batch } = setup(11);
      const g = zeroStack(3, [4, 5], 4);
      runCtcBatch(p, batch, cfg, BLANK, null, g, frameWeight);
      const params = stackArrays(p);
      const grads = stackArrays(g);
      const eps = 1e-6;
      params.forEach((a, k) => {
        for (let i = 0; i < a.length; i++) {
          const keep = a[i];
          a[i] = keep + eps;
          const up = lossOf(p, batch, cfg, frameWeight);
          a[i] = keep - eps;
          const down = lossOf(p, batch, cfg, frameWeight);
          a[i] = keep;
          const num = (up - down) / (2 * eps);
          expect(Math.abs(grads[k][i] - num), `array ${k}[${i}]`).toBeLessThan(1e-6 + 1e-4 * Math.abs(num));
        }
      });
    });
  }

  it('a batch gives the sums of its sequences run one at a time', () => {
    const { p, batch } = setup(5);
    const cfg = { ...dense, l1: 0.01, monitorThetaX: 0.2, monitorThetaH: 0.1 };
    const gAll = zeroStack(3, [4, 5], 4);
    const all = runCtcBatch(p, batch, cfg, BLANK, null, gAll);
    const gOne = zeroStack(3, [4, 5], 4);
    let loss = 0;
    let fired = 0;
    for (const s of batch) {
      const r = runCtcBatch(p, [s], cfg, BLANK, null, gOne);
      loss += r.loss;
      fired += r.fired[0] + r.fired[1];
      expect(all.transcripts[batch.indexOf(s)]).toEqual(r.transcripts[0]);
    }
    expect(all.loss).toBeCloseTo(loss, 10);
    expect(all.fired[0] + all.fired[1]).toBe(fired);
    const a = stackArrays(gAll);
    stackArrays(gOne).forEach((b, k) => {
      for (let i = 0; i < b.length; i++) expect(a[k][i]).toBeCloseTo(b[i], 10);
    });
  });
});

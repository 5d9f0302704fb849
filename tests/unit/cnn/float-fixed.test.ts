// The fixed-point forward against the float one, within an error bound propagated layer by layer:
//   E_0 = 0 (pixels are exact codes);
//   conv/dense: E_l = max_out (|b − b_q| + Σ_taps |W − W_q| · X_{l−1} + Σ_taps |W_q| · E_{l−1}) + r_l,
//     X_{l−1} the largest |float input|, r_l half an output LSB (nearest) or one LSB (floor);
//   maxpool and ReLU: E_l = E_{l−1} (both are 1-Lipschitz in the max norm).
// It holds whenever nothing saturates, which the generated weights guarantee (and the test checks).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cnn } from '../../../src/engine/cnn';
import {
  cnnActivationsFixed,
  cnnActivationsFloat,
  cnnForwardFixed,
  cnnForwardFloat,
  compileCnn,
  featureFrac,
  outFracs,
  weightCounts,
} from '../../../src/engine/cnn';
import { cnnArb, frameArb } from './arbitraries';

function errorBounds(cnn: Cnn, floatActs: Float64Array[], frame: Uint8Array): number[] {
  const c = compileCnn(cnn);
  const fracs = outFracs(cnn);
  const bounds: number[] = [];
  let E = 0;
  let X = frame.reduce((m, p) => Math.max(m, Math.abs((p - 128) / 128)), 0);
  let inFrac = 7;
  cnn.layers.forEach((l, i) => {
    if (l.kind !== 'maxpool') {
      const cl = c.layers[i];
      const wq = (k: number) => cl.w![k] * 2 ** -l.weightFrac;
      const bq = (j: number) => cl.b![j] * 2 ** -(inFrac + l.weightFrac);
      const fan = l.weight.length / l.bias.length;
      let worst = 0;
      for (let j = 0; j < l.bias.length; j++) {
        let e = Math.abs(l.bias[j] - bq(j));
        for (let k = j * fan; k < (j + 1) * fan; k++)
          e += Math.abs(l.weight[k] - wq(k)) * X + Math.abs(wq(k)) * E;
        worst = Math.max(worst, e);
      }
      E = worst + (cnn.rounding === 'nearest' ? 0.5 : 1) * 2 ** -l.outFrac;
      inFrac = l.outFrac;
    }
    X = floatActs[i].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    bounds.push(E);
  });
  expect(fracs.length).toBe(bounds.length);
  return bounds;
}

describe('cnn float vs fixed', () => {
  it('every layer of the fixed pass is within the propagated bound of the float pass', () => {
    fc.assert(
      fc.property(
        cnnArb.chain((cnn) => fc.tuple(fc.constant(cnn), frameArb(cnn))),
        ([cnn, frame]) => {
          const floatActs = cnnActivationsFloat(cnn, frame).map((a) => a.slice());
          const c = compileCnn(cnn);
          const fixedActs = cnnActivationsFixed(c, frame);
          expect(c.saturations).toEqual({ accumulator: 0, activation: 0 });
          expect(c.weightSaturations).toBe(0);
          const bounds = errorBounds(cnn, floatActs, frame);
          const fracs = outFracs(cnn);
          floatActs.forEach((fa, i) => {
            for (let k = 0; k < fa.length; k++) {
              const err = Math.abs(fixedActs[i][k] * 2 ** -fracs[i] - fa[k]);
              expect(err).toBeLessThanOrEqual(bounds[i] + 1e-9);
            }
          });
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('with weights on the grid and fine outputs, features agree to about half an LSB', () => {
    fc.assert(
      fc.property(
        cnnArb.chain((cnn) => fc.tuple(fc.constant(cnn), frameArb(cnn))),
        ([cnn, frame]) => {
          // One layer, weights already on the 2^-weightFrac grid: the only error is the final rounding.
          const first = cnn.layers.find((l) => l.kind !== 'maxpool')!;
          const grid = (v: number, f: number) => Math.round(v * 2 ** f) / 2 ** f;
          const one: Cnn = {
            ...cnn,
            layers: [
              {
                ...first,
                weight: first.weight.map((v) => grid(v, first.weightFrac)),
                bias: first.bias.map((v) => grid(v, 7 + first.weightFrac)),
              },
            ],
          };
          const n = weightCounts(first, { channels: 1, height: cnn.height, width: cnn.width }).bias;
          const fl = new Float32Array(first.kind === 'dense' ? n : cnnActivationsFloat(one, frame)[0].length);
          const fx = new Int8Array(fl.length);
          cnnForwardFloat(one, frame, fl);
          cnnForwardFixed(compileCnn(one), frame, fx);
          const f = featureFrac(one);
          const lsb = cnn.rounding === 'nearest' ? 0.5 : 1;
          for (let k = 0; k < fl.length; k++) {
            expect(Math.abs(fx[k] * 2 ** -f - fl[k])).toBeLessThanOrEqual(lsb * 2 ** -f + 1e-6);
          }
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});

// Properties of the delta-GRU that hold at every step for any thresholds (DESIGN.md 2 and 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { randomModel } from '../../../src/engine/random-model';
import { createRunner } from '../../../src/engine/runner';
import { runSequence } from '../../../src/engine/sequence';
import { firedAt } from '../../../src/engine/trace';
import type { NumericMode } from '../../../src/engine/types';
import { type Case, caseArb, thetaArb } from './helpers';

const modes: NumericMode[] = ['fixed', 'float'];
const withTheta = (smooth: boolean) =>
  caseArb({ smooth }).chain((c) => thetaArb(c.model.layers.length).map((th) => ({ ...c, th })));

function popcount(mask: Uint32Array, size: number, t: number): number {
  let n = 0;
  for (let k = 0; k < size; k++) if (firedAt(mask, size, t, k)) n++;
  return n;
}

describe.each(modes)('%s mode', (mode) => {
  it('|x - x̂| <= Θx and |h_{t-1} - ĥ| <= Θh after every step; masks mark exactly the updates', () => {
    fc.assert(
      fc.property(withTheta(true), ({ model, steps, codes, th }) => {
        const cm = compileModel(model, mode);
        const lsb = 2 ** -model.fixedPoint.activation.fracBits;
        const tr = runSequence(cm, th, codes, steps, { trace: true }).trace!;
        tr.layers.forEach((lt, l) => {
          const I = lt.inputSize;
          const H = lt.hiddenSize;
          for (let t = 0; t < steps; t++) {
            for (let i = 0; i < I; i++) {
              const k = t * I + i;
              expect(Math.abs(lt.x[k] - lt.xHat[k])).toBeLessThanOrEqual(th.thetaX[l] * lsb);
              const before = t === 0 ? 0 : lt.xHat[k - I];
              expect(lt.xHat[k]).toBe(firedAt(lt.firedX, I, t, i) ? lt.x[k] : before);
            }
            for (let j = 0; j < H; j++) {
              const k = t * H + j;
              expect(Math.abs(lt.hPrev[k] - lt.hHat[k])).toBeLessThanOrEqual(th.thetaH[l] * lsb);
              const before = t === 0 ? 0 : lt.hHat[k - H];
              expect(lt.hHat[k]).toBe(firedAt(lt.firedH, H, t, j) ? lt.hPrev[k] : before);
            }
          }
        });
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('cost counters equal Σ fired × fan-out, recounted from the trace masks (DESIGN.md 3)', () => {
    fc.assert(
      fc.property(withTheta(true), ({ model, steps, codes, th }) => {
        const cm = compileModel(model, mode);
        const r = runSequence(cm, th, codes, steps, { trace: true });
        r.trace!.layers.forEach((lt, l) => {
          const I = lt.inputSize;
          const H = lt.hiddenSize;
          let fx = 0;
          let fh = 0;
          for (let t = 0; t < steps; t++) {
            const nx = popcount(lt.firedX, I, t);
            const nh = popcount(lt.firedH, H, t);
            expect([lt.nx[t], lt.nh[t]]).toEqual([nx, nh]);
            fx += nx;
            fh += nh;
          }
          const c = r.costs.layers[l];
          const fired = fx + fh;
          expect(c).toMatchObject({ steps, firedX: fx, firedH: fh, possible: (I + H) * steps });
          expect(c.denseMacs).toBe(3 * H * (I + H) * steps);
          expect(c.deltaMacs).toBe(3 * H * fired);
          expect(c.denseCost).toBe(c.denseMacs);
          expect(c.deltaCost).toBe(3 * H * fired + 2 * (I + H) * steps);
          expect(c.denseMem).toBe(c.denseMacs + (I + H) * steps);
          expect(c.deltaMem).toBe(3 * H * fired + 4 * (I + H) * steps);
        });
        // The per-step totals the lab shows, recounted from the masks of every layer.
        let soFar = 0;
        for (let t = 0; t < steps; t++) {
          let now = 0;
          for (const lt of r.trace!.layers)
            now += popcount(lt.firedX, lt.inputSize, t) + popcount(lt.firedH, lt.hiddenSize, t);
          soFar += now;
          expect([r.trace!.fired[t], r.trace!.firedSoFar[t]]).toEqual([now, soFar]);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('stepping (runner) and runSequence agree exactly, states, outputs and costs', () => {
    fc.assert(
      fc.property(withTheta(true), ({ model, steps, codes, th }) => {
        const cm = compileModel(model, mode);
        const seq = runSequence(cm, th, codes, steps, { trace: true });
        const tr = seq.trace!;
        const runner = createRunner(cm, th);
        const I0 = cm.inputSize;
        for (let t = 0; t < steps; t++) {
          const s = runner.step(codes.subarray(t * I0, (t + 1) * I0));
          expect(s.t).toBe(t);
          s.layers.forEach((ls, l) => {
            const lt = tr.layers[l];
            const I = lt.inputSize;
            const H = lt.hiddenSize;
            expect(ls.x).toEqual(lt.x.slice(t * I, (t + 1) * I));
            expect(ls.xHat).toEqual(lt.xHat.slice(t * I, (t + 1) * I));
            expect(ls.hPrev).toEqual(lt.hPrev.slice(t * H, (t + 1) * H));
            expect(ls.hHat).toEqual(lt.hHat.slice(t * H, (t + 1) * H));
            expect(ls.h).toEqual(lt.h.slice(t * H, (t + 1) * H));
            expect([ls.nx, ls.nh]).toEqual([lt.nx[t], lt.nh[t]]);
            ls.firedX.forEach((f, i) => {
              expect(f === 1).toBe(firedAt(lt.firedX, I, t, i));
            });
            ls.firedH.forEach((f, j) => {
              expect(f === 1).toBe(firedAt(lt.firedH, H, t, j));
            });
          });
          expect(s.output).toEqual(tr.output.slice(t * cm.outputs, (t + 1) * cm.outputs));
          expect(s.probs).toEqual(tr.probs.slice(t * cm.outputs, (t + 1) * cm.outputs));
        }
        expect(runner.costs()).toEqual(seq.costs);
        runner.reset();
        expect(runner.t).toBe(0);
        expect(runner.costs().layers[0].steps).toBe(0);
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe('first-layer input firing versus Θx', () => {
  const firedX = (c: Case, tx: number, th: number) => {
    const cm = compileModel(c.model, 'fixed');
    const n = c.model.layers.length;
    const thetas = { thetaX: Array(n).fill(tx), thetaH: Array(n).fill(th) };
    return runSequence(cm, thetas, c.codes, c.steps).costs.layers[0].firedX;
  };

  it('never increases when Θx at least doubles (and does not depend on Θh)', () => {
    // Between two firings at Θ' >= 2Θ the input moved by more than 2Θ, which it cannot do while
    // staying within Θ of an unchanged x̂: so Θ fires at least once in every such interval.
    fc.assert(
      fc.property(
        caseArb({ smooth: true, maxSteps: 40 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (c, tx, extra, th) => {
          expect(firedX(c, 2 * tx + extra, th)).toBeLessThanOrEqual(firedX(c, tx, 0));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is not monotone for smaller increases: a worked counterexample', () => {
    // One input, codes -4, -6, -1. Θ = 3: fires at -4 (|-4| > 3), then |-6 - -4| = 2 and
    // |-1 - -4| = 3 do not fire: 1 firing. Θ = 4: -4 does not fire, -6 fires, then |-1 - -6| = 5
    // fires: 2 firings.
    const c = {
      model: randomModel({ inputSize: 1, hiddenSizes: [2], outputs: 2, seed: 3 }),
      steps: 3,
      codes: Int8Array.of(-4, -6, -1),
    };
    expect(firedX(c, 3, 0)).toBe(1);
    expect(firedX(c, 4, 0)).toBe(2);
  });
});

describe('input encodings', () => {
  it.each(modes)('%s: Int8Array codes and the equal Float32Array real values give the same run', (mode) => {
    fc.assert(
      fc.property(withTheta(false), ({ model, steps, codes, th }) => {
        const cm = compileModel(model, mode);
        const real = Float32Array.from(codes, (c) => c * 2 ** -model.fixedPoint.activation.fracBits);
        const a = runSequence(cm, th, codes, steps, { trace: true });
        const b = runSequence(cm, th, real, steps, { trace: true });
        expect(b).toEqual(a);
        expect(a.trace!.layers[0].x).toEqual(real.subarray(0, steps * cm.inputSize));
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});

// The WebAssembly kernels against the TypeScript engine (the reference): identical outputs, costs,
// saturation counts and final state over random shapes, fixed-point formats, weights, inputs and
// thresholds, for the delta GRU, the dense GRU, real-valued frames and data-set evaluation.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type CompiledModel, compileModel } from '../../../../src/engine/compile';
import { runDenseSequence } from '../../../../src/engine/dense';
import { evaluatePack } from '../../../../src/engine/evaluate';
import { createScratch, type Scratch } from '../../../../src/engine/scratch';
import { runSequence } from '../../../../src/engine/sequence';
import type { Model, SamplePack } from '../../../../src/engine/types';
import { setWasmKernels } from '../../../../src/engine/wasm/module';
import { kernelsFor } from '../../../../src/engine/wasm/run';
import { shippedSpecArb, wideCaseArb } from './arbitraries';

afterEach(() => setWasmKernels(true));

/** f on the TypeScript path, then on the kernels (which must be the ones running). */
function both<T>(cm: CompiledModel, f: () => T): [T, T] {
  setWasmKernels(false);
  const ts = f();
  setWasmKernels(true);
  expect(kernelsFor(cm)).not.toBeNull();
  return [ts, f()];
}

function state(sc: Scratch) {
  return sc.layers.map((s) => ({
    h: Array.from(s.h),
    xHat: Array.from(s.xHat),
    hHat: Array.from(s.hHat),
    acc: Array.from(s.acc),
    nx: s.nx,
    nh: s.nh,
    counters: [s.steps, s.firedX, s.firedH, s.accSat, s.actSat],
  }));
}

const sat = { acc: 0, act: 0, runs: 0 };

describe('WebAssembly kernels are bit-identical to the TypeScript engine', () => {
  it('delta GRU: outputs, costs with saturation counts, and the final state', () => {
    fc.assert(
      fc.property(wideCaseArb(), (c) => {
        const cm = compileModel(c.model, 'fixed');
        const th = { thetaX: c.thetaX, thetaH: c.thetaH };
        const [a, b] = both(cm, () => {
          const sc = createScratch(cm);
          const r = runSequence(cm, th, c.codes, c.steps, { scratch: sc });
          // A second sequence on the same scratch adds to the counters and starts from a fresh state.
          const again = Math.max(0, c.steps - 1);
          const r2 = runSequence(cm, th, c.codes.subarray(c.steps - again), again, { scratch: sc });
          return { r, r2, state: state(sc) };
        });
        expect(b).toEqual(a);
        const L = a.r.costs.layers;
        sat.acc += L.some((l) => l.accSaturations > 0) ? 1 : 0;
        sat.act += L.some((l) => l.actSaturations > 0) ? 1 : 0;
        sat.runs++;
      }),
      { seed: 1313, numRuns: 400 },
    );
    // The generator must reach both kinds of saturation often, or the counts were never compared.
    expect(sat.acc).toBeGreaterThan(sat.runs / 10);
    // (h saturates only in Q0.7 with z near 0 and n rounding to 1: rarer.)
    expect(sat.act).toBeGreaterThan(sat.runs / 50);
  });

  it("delta and dense GRU in the shipped and benchmark models' formats", () => {
    fc.assert(
      fc.property(wideCaseArb(30, shippedSpecArb), (c) => {
        const cm = compileModel(c.model, 'fixed');
        const th = { thetaX: c.thetaX, thetaH: c.thetaH };
        const [a, b] = both(cm, () => {
          const sc = createScratch(cm);
          const delta = runSequence(cm, th, c.codes, c.steps, { scratch: sc });
          const deltaState = state(sc);
          const dense = runDenseSequence(cm, c.codes, c.steps, { record: false, scratch: sc });
          return { delta, deltaState, dense, state: state(sc) };
        });
        expect(b).toEqual(a);
      }),
      { seed: 1317, numRuns: 300 },
    );
  });

  it('dense GRU (final output only)', () => {
    fc.assert(
      fc.property(wideCaseArb(), (c) => {
        const cm = compileModel(c.model, 'fixed');
        const [a, b] = both(cm, () => {
          const sc = createScratch(cm);
          const r = runDenseSequence(cm, c.codes, c.steps, { record: false, scratch: sc });
          return { r, state: state(sc) };
        });
        expect(b).toEqual(a);
      }),
      { seed: 1314, numRuns: 300 },
    );
  });

  it('real-valued frames, quantized (and their saturation counted) on the way in', () => {
    fc.assert(
      fc.property(wideCaseArb(20), fc.double({ min: 0.01, max: 4, noNaN: true }), (c, scale) => {
        const cm = compileModel(c.model, 'fixed');
        const real = Float32Array.from(
          c.codes,
          (v) => (v * scale) / 2 ** c.model.fixedPoint.activation.fracBits,
        );
        const th = { thetaX: c.thetaX, thetaH: c.thetaH };
        const [a, b] = both(cm, () => runSequence(cm, th, real, c.steps));
        expect(b).toEqual(a);
      }),
      { seed: 1315, numRuns: 200 },
    );
  });

  it('data-set evaluation, classification and regression (outputs at the last or every step)', () => {
    fc.assert(
      fc.property(wideCaseArb(40), fc.constantFrom('class', 'last', 'every'), (c, task) => {
        const model: Model = { ...c.model };
        const out = model.readout.layers[model.readout.layers.length - 1].outSize;
        if (task !== 'class') {
          model.task = {
            kind: 'regression',
            units: 'u',
            outputNames: Array.from({ length: out }, (_, k) => `y${k}`),
          };
          model.outputAt = task === 'every' ? 'every' : 'last';
        }
        const I = model.layers[0].inputSize;
        const frames = c.steps;
        const cuts = [0, Math.floor(frames / 3), Math.floor(frames / 2), frames];
        const pack: SamplePack = {
          name: 'p',
          task: model.task,
          activation: model.fixedPoint.activation,
          inputSize: I,
          features: {},
          items: cuts.slice(1).map((end, k) => ({
            id: `i${k}`,
            offset: cuts[k],
            length: end - cuts[k],
            label: k % out,
          })),
          frames: c.codes,
          targets: Float32Array.from({ length: frames * out }, (_, k) => Math.sin(k)),
          provenance: model.provenance,
        };
        const cm = compileModel(model, 'fixed');
        const th = { thetaX: c.thetaX, thetaH: c.thetaH };
        const [a, b] = both(cm, () => evaluatePack(cm, pack, th));
        expect(b).toEqual(a);
      }),
      { seed: 1316, numRuns: 200 },
    );
  });
});

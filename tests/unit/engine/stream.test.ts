// The streaming API computes, frame by frame, what the whole-sequence APIs compute: the same
// readout at every step and the same costs, on the WebAssembly kernels and on the TypeScript path.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { runDenseSequence } from '../../../src/engine/dense';
import { runSequence } from '../../../src/engine/sequence';
import { createStreamer } from '../../../src/engine/stream';
import { setWasmKernels } from '../../../src/engine/wasm/module';
import { wideCaseArb } from './wasm/arbitraries';

afterEach(() => setWasmKernels(true));

describe('createStreamer', () => {
  for (const wasm of [true, false]) {
    it(`delta and dense streams equal the sequence APIs (${wasm ? 'WebAssembly' : 'TypeScript'})`, () => {
      fc.assert(
        fc.property(wideCaseArb(16), fc.constantFrom('fixed' as const, 'float' as const), (c, mode) => {
          setWasmKernels(wasm);
          const cm = compileModel(c.model, mode);
          const th = { thetaX: c.thetaX, thetaH: c.thetaH };
          const I = cm.inputSize;
          const frames = mode === 'fixed' ? c.codes : Float32Array.from(c.codes, (v) => v / 16);
          const ref = runSequence(cm, th, frames, c.steps, { trace: true });
          const refDense = runDenseSequence(cm, frames, c.steps);
          const s = createStreamer(cm, th);
          const d = createStreamer(cm, th, { dense: true });
          const out = cm.outputs;
          for (let round = 0; round < 2; round++) {
            for (let t = 0; t < c.steps; t++) {
              const fr = frames.subarray(t * I, (t + 1) * I);
              expect(Float32Array.from(s.step(fr))).toEqual(
                ref.trace!.output.subarray(t * out, (t + 1) * out),
              );
              expect(Float32Array.from(d.step(fr))).toEqual(refDense.output.subarray(t * out, (t + 1) * out));
            }
            expect(s.costs()).toEqual(ref.costs);
            s.reset();
            d.reset();
          }
        }),
        { seed: 77, numRuns: 120 },
      );
    });
  }
});

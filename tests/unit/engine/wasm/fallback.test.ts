// Where WebAssembly, its SIMD or compiling is missing, the engine runs its TypeScript path, and the
// figures do not change.
import { afterEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../../../src/engine/compile';
import { DEFAULT_FIXED_POINT, randomModel } from '../../../../src/engine/random-model';
import { runSequence } from '../../../../src/engine/sequence';
import { loadKernels, replaceKernelModule } from '../../../../src/engine/wasm/module';
import { kernelsFor } from '../../../../src/engine/wasm/run';

afterEach(() => replaceKernelModule(undefined));

describe('kernel loading and the TypeScript fallback', () => {
  it('loads where WebAssembly SIMD validates', () => {
    expect(loadKernels()).toBeInstanceOf(WebAssembly.Module);
  });

  it('is null without WebAssembly, without SIMD, or where compiling is refused', () => {
    expect(loadKernels(null)).toBeNull();
    expect(loadKernels({ validate: () => false, Module: WebAssembly.Module })).toBeNull();
    const refused = class {
      constructor() {
        throw new WebAssembly.CompileError('Refused to compile (no wasm-unsafe-eval)');
      }
    } as unknown as typeof WebAssembly.Module;
    expect(loadKernels({ validate: () => true, Module: refused })).toBeNull();
  });

  it('runs the TypeScript path without the module, with the same results', () => {
    const model = randomModel({ inputSize: 6, hiddenSizes: [11, 5], outputs: 3, seed: 9, gain: 2 });
    model.fixedPoint = {
      ...DEFAULT_FIXED_POINT,
      accumulatorBits: 16,
      activation: { intBits: 0, fracBits: 7 },
    };
    const codes = Int8Array.from({ length: 6 * 40 }, (_, k) => ((k * 37) % 256) - 128);
    const th = { thetaX: [2, 1], thetaH: [1, 3] };
    const withWasm = compileModel(model, 'fixed');
    expect(kernelsFor(withWasm)).not.toBeNull();
    const a = runSequence(withWasm, th, codes, 40);
    replaceKernelModule(null);
    const without = compileModel(model, 'fixed');
    expect(kernelsFor(without)).toBeNull();
    const b = runSequence(without, th, codes, 40);
    expect(b).toEqual(a);
    expect(a.costs.layers[0].accSaturations).toBeGreaterThan(0);
  });
});

// The committed kernel bytes (src/engine/wasm/kernels-wasm.ts) are what the AssemblyScript source
// compiles to now: `npm run build:wasm` after editing assembly/kernels.ts, or this fails.
import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_BASE64 } from '../../../../src/engine/wasm/kernels-wasm';
import { compileKernels } from '../../../../tools/build/build-wasm';

describe('committed WebAssembly kernels', () => {
  it('match a fresh build of assembly/kernels.ts', async () => {
    const bytes = await compileKernels();
    expect(Buffer.from(bytes).toString('base64')).toBe(KERNELS_WASM_BASE64);
  });
});

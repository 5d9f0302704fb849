// The compiled kernel module, once per JS realm, and the choice of backend. Where WebAssembly or its
// 128-bit SIMD is missing (validation fails) or compiling is refused (a page policy without
// 'wasm-unsafe-eval'), the module is null and the engine runs its TypeScript path: same results.
import { KERNELS_WASM_BASE64 } from './kernels-wasm';

/** The part of the WebAssembly namespace the loader uses (a parameter so tests can take it away). */
export type WasmApi = Pick<typeof WebAssembly, 'validate' | 'Module'>;

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) out[k] = s.charCodeAt(k);
  return out;
}

/** Compiles the kernels (synchronously: a few kB, allowed on every thread), or null where it cannot. */
export function loadKernels(api: WasmApi | null = globalThis.WebAssembly ?? null): WebAssembly.Module | null {
  if (!api) return null;
  try {
    const bytes = decode(KERNELS_WASM_BASE64);
    return api.validate(bytes) ? new api.Module(bytes) : null;
  } catch {
    return null;
  }
}

let loaded: WebAssembly.Module | null | undefined;
let enabled = true;

/** The kernel module, or null when the TypeScript path must run (unavailable or switched off). */
export function kernelModule(): WebAssembly.Module | null {
  if (!enabled) return null;
  if (loaded === undefined) loaded = loadKernels();
  return loaded;
}

/** Switches the WebAssembly path on (the default) or off, for benchmarks and the bit-identity tests. */
export function setWasmKernels(on: boolean): void {
  enabled = on;
}

/** Replaces the loaded module (null: behave as where SIMD is missing; undefined: load it again). */
export function replaceKernelModule(module: WebAssembly.Module | null | undefined): void {
  loaded = module;
}

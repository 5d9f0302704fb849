// A plain dense GRU (full W·x + U·h from the biases every step, same gate math and the same
// column-major MAC loop as the delta-GRU): the reference for the Θ = 0 identity and the dense
// baseline of the benchmark.
import type { CompiledLayer, CompiledModel } from './compile';
import { checkFrames, type Frames, loadFrame } from './frame';
import { applyGates } from './gates';
import { addAllColumns } from './kernel';
import { argmax, readoutInto } from './readout';
import { createScratch, type LayerState, resetState, type Scratch, scratchFor } from './scratch';
import { kernelReadout, kernelRun, kernelsFor } from './wasm/run';

export function denseLayerStep(cm: CompiledModel, L: CompiledLayer, s: LayerState, x: Float32Array): void {
  const I = L.inputSize;
  const H = L.hiddenSize;
  const H2 = 2 * H;
  const H3 = 3 * H;
  const acc = s.acc;
  acc.set(L.acc0);
  const exact = cm.fixed !== null;
  addAllColumns(acc, 0, H3, L.wX, 0, H3, x, I, exact);
  addAllColumns(acc, 0, H2, L.wH, 0, H3, s.h, H, exact);
  addAllColumns(acc, H3, H, L.wH, H2, H3, s.h, H, exact);
  s.steps++;
  applyGates(cm, L, s);
}

export interface DenseOptions {
  /** Keep every step's h and outputs (default true); false returns only the final output. */
  record?: boolean;
  scratch?: Scratch;
  offset?: number;
}

export interface DenseResult {
  /** Per layer, T x H, real units. Empty when record is false. */
  h: Float32Array[];
  /** T x outputs (record) or the final output only. */
  output: Float32Array;
  prediction: number;
}

export function runDenseSequence(
  cm: CompiledModel,
  frames: Frames,
  length: number,
  opts: DenseOptions = {},
): DenseResult {
  const record = opts.record ?? true;
  const sc = opts.scratch ? scratchFor(cm, opts.scratch) : createScratch(cm);
  const offset = opts.offset ?? 0;
  checkFrames(cm, frames, offset, length);
  resetState(sc);
  // Fixed point, final output only: one WebAssembly call where the kernels load (same results).
  const km = record ? null : kernelsFor(cm);
  if (km) {
    kernelRun(km, sc, frames, offset, length, true, false);
    kernelReadout(km, sc);
    return {
      h: [],
      output: Float32Array.from(sc.output),
      prediction: cm.classification ? argmax(sc.output) : -1,
    };
  }
  const out = cm.outputs;
  const h = record ? cm.layers.map((L) => new Float32Array(length * L.hiddenSize)) : [];
  const output = new Float32Array(record ? length * out : out);
  const vs = cm.valueScale;
  for (let t = 0; t < length; t++) {
    loadFrame(cm, sc, frames, offset + t);
    let x = sc.input;
    for (let l = 0; l < cm.layers.length; l++) {
      const s = sc.layers[l];
      denseLayerStep(cm, cm.layers[l], s, x);
      x = s.h;
      if (record) {
        const H = cm.layers[l].hiddenSize;
        for (let j = 0; j < H; j++) h[l][t * H + j] = s.h[j] * vs;
      }
    }
    if (record) {
      readoutInto(sc);
      output.set(sc.output, t * out);
    }
  }
  if (!record || length === 0) readoutInto(sc);
  if (!record) output.set(sc.output);
  return { h, output, prediction: cm.classification ? argmax(sc.output) : -1 };
}

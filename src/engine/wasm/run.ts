// Whole sequences through the WebAssembly kernels: one call per sequence, then the state and the
// counters copied back into the Scratch so everything after (readout, costs, a later inspection)
// reads exactly what the TypeScript path would have left there.
import type { CompiledModel } from '../compile';
import { type Frames, loadFrame } from '../frame';
import { readoutInto, readoutProbs } from '../readout';
import type { Scratch } from '../scratch';
import { createKernelModel, ensureMemory, type KernelModel, LF } from './layout';
import { kernelModule } from './module';

const models = new WeakMap<CompiledModel, KernelModel | null>();

/**
 * Whether the kernels' integer widths hold this format exactly: i32 accumulators (the file format
 * allows at most 32 bits), i16 weights, and gate products inside i64 (gateFrac, table input ≤ 16).
 * Models built in code can declare more; those run in TypeScript.
 */
export function kernelsHold(cm: CompiledModel): boolean {
  const s = cm.model.fixedPoint;
  return (
    cm.fixed !== null &&
    s.accumulatorBits >= 2 &&
    s.accumulatorBits <= 32 &&
    s.weightBits <= 16 &&
    s.gateFrac <= 16 &&
    s.tableInputFrac <= 16 &&
    s.activation.fracBits <= 7
  );
}

/**
 * The kernel instance for a fixed-point model, or null where the TypeScript path must run. Whole
 * sequences share one per model (each call starts fresh); a stream keeps its state in the kernel
 * memory between calls, so it asks for an instance of its `own`.
 */
export function kernelsFor(cm: CompiledModel, own = false): KernelModel | null {
  if (!kernelsHold(cm)) return null;
  const module = kernelModule();
  if (!module) return null;
  if (own) return createOrNull(module, cm);
  let km = models.get(cm);
  if (km === undefined) {
    km = createOrNull(module, cm);
    models.set(cm, km);
  }
  return km;
}

function createOrNull(module: WebAssembly.Module, cm: CompiledModel): KernelModel | null {
  try {
    return createKernelModel(module, cm);
  } catch {
    // A model too large for a 32-bit memory: the TypeScript path has no such limit.
    return null;
  }
}

/**
 * Places frames [offset, offset + length) as i8 codes at km.free. Real-valued frames are quantized
 * by loadFrame itself (counting input saturation in layer 0, as the TypeScript path does).
 */
function stageFrames(km: KernelModel, sc: Scratch, frames: Frames, offset: number, length: number): void {
  const I = sc.cm.inputSize;
  ensureMemory(km.memory, km.free + length * I);
  const dst = viewsOf(km).i8;
  const at = km.free;
  if (frames instanceof Int8Array) {
    // One frame (streaming) without a subarray: nothing allocated per frame.
    if (length === 1) for (let i = 0; i < I; i++) dst[at + i] = frames[offset * I + i];
    else dst.set(frames.subarray(offset * I, (offset + length) * I), at);
    return;
  }
  for (let t = 0; t < length; t++) {
    loadFrame(sc.cm, sc, frames, offset + t);
    for (let i = 0; i < I; i++) dst[at + t * I + i] = sc.input[i];
  }
}

interface Views {
  i8: Int8Array;
  i32: Int32Array;
  f64: Float64Array;
}

const views = new WeakMap<ArrayBuffer, Views>();

/** Views of the kernel memory (made again only after it grew, which replaces the buffer). */
function viewsOf(km: KernelModel): Views {
  const buf = km.memory.buffer;
  let v = views.get(buf);
  if (!v) {
    v = { i8: new Int8Array(buf), i32: new Int32Array(buf), f64: new Float64Array(buf) };
    views.set(buf, v);
  }
  return v;
}

/** Thresholds in, counters zeroed (state units are codes: Θ ≥ 256 never fires, so clamp there). */
function prepare(km: KernelModel, sc: Scratch): void {
  const { i32, f64 } = viewsOf(km);
  for (let l = 0; l < km.layers.length; l++) {
    const L = km.layers[l];
    i32[L.header / 4 + LF.THX] = Math.min(sc.thX[l], 256);
    i32[L.header / 4 + LF.THH] = Math.min(sc.thH[l], 256);
    f64.fill(0, L.header / 8 + LF.COUNTERS_F64, L.header / 8 + LF.COUNTERS_F64 + 5);
  }
}

/**
 * Counters, and the state after `steps` steps, back into the Scratch's layers; with `topOnly`
 * (streaming) just the top layer's h, which is all the readout reads.
 */
function collect(km: KernelModel, sc: Scratch, steps: number, topOnly = false): void {
  const { i32, f64 } = viewsOf(km);
  const top = km.layers.length - 1;
  for (let l = 0; l < km.layers.length; l++) {
    const L = km.layers[l];
    const s = sc.layers[l];
    const c = L.header / 8 + LF.COUNTERS_F64;
    s.steps += f64[c];
    s.firedX += f64[c + 1];
    s.firedH += f64[c + 2];
    s.accSat += f64[c + 3];
    s.actSat += f64[c + 4];
    if (steps === 0 || (topOnly && l !== top)) continue;
    // Typed-array copies (converting), not element loops: this runs once per sequence.
    s.h.set(i32.subarray(L.h / 4, L.h / 4 + L.H));
    if (topOnly) continue;
    s.xHat.set(i32.subarray(L.xHat / 4, L.xHat / 4 + L.I));
    s.hHat.set(i32.subarray(L.hHat / 4, L.hHat / 4 + L.H));
    for (let g = 0; g < 4; g++) {
      const from = L.acc / 4 + g * L.Hp;
      s.acc.set(i32.subarray(from, from + L.H), g * L.H);
    }
    s.nx = i32[L.header / 4 + LF.NX];
    s.nh = i32[L.header / 4 + LF.NH];
  }
}

/**
 * Runs the sequence (state already reset, thresholds set) in one call. With `history`, returns the
 * top layer's h codes of every step (T × H, a view valid until the next call).
 */
export function kernelRun(
  km: KernelModel,
  sc: Scratch,
  frames: Frames,
  offset: number,
  length: number,
  dense: boolean,
  history: boolean,
): Int8Array | null {
  stageFrames(km, sc, frames, offset, length);
  const Htop = km.layers[km.layers.length - 1].H;
  const hist = history ? km.free + length * sc.cm.inputSize : 0;
  if (history) ensureMemory(km.memory, hist + length * Htop);
  prepare(km, sc);
  km.run(0, km.free, length, dense ? 1 : 0, hist, 1);
  collect(km, sc, length);
  return history ? new Int8Array(km.memory.buffer, hist, length * Htop) : null;
}

/**
 * One frame on from the state the last call left (`fresh`: from a fresh state), for streaming. Only
 * the counters and the top layer's h come back: the rest of the state lives in the kernel memory.
 */
export function kernelStep(
  km: KernelModel,
  sc: Scratch,
  frame: Frames,
  dense: boolean,
  fresh: boolean,
): void {
  stageFrames(km, sc, frame, 0, 1);
  prepare(km, sc);
  km.run(0, km.free, 1, dense ? 1 : 0, 0, fresh ? 1 : 0);
  collect(km, sc, 1, true);
}

/**
 * sequence.ts runInto on the kernels (no trace): the readout, and the regression error, from the
 * top layer's h exactly as the TypeScript loop computes them.
 */
export function kernelSequence(
  km: KernelModel,
  sc: Scratch,
  frames: Frames,
  offset: number,
  length: number,
  tg: Float32Array | undefined,
): void {
  const cm = sc.cm;
  const every = cm.model.outputAt === 'every';
  const hist = kernelRun(km, sc, frames, offset, length, false, tg !== undefined && every);
  const out = cm.outputs;
  const addError = (t: number) => {
    const base = (offset + t) * out;
    for (let k = 0; k < out; k++) {
      const e = sc.output[k] - tg![base + k];
      sc.sqError += e * e;
    }
    sc.sqCount += out;
  };
  if (hist) {
    const h = sc.layers[sc.layers.length - 1].h;
    const H = h.length;
    for (let t = 0; t < length; t++) {
      h.set(hist.subarray(t * H, (t + 1) * H));
      readoutInto(sc);
      addError(t);
    }
    if (length === 0) readoutInto(sc);
    return;
  }
  kernelReadout(km, sc);
  if (tg && length > 0) addError(length - 1);
}

/**
 * readoutInto on the kernels' copy of the top layer's h after a call: the readout's layers in
 * WebAssembly (the same doubles), its softmax here.
 */
export function kernelReadout(km: KernelModel, sc: Scratch): void {
  km.readout(0);
  const { f64 } = viewsOf(km);
  const out = sc.output;
  const o = km.readoutOut / 8;
  for (let k = 0; k < out.length; k++) out[k] = f64[o + k];
  const mid = sc.mid;
  const m = km.readoutMid / 8;
  for (let k = 0; k < mid.length; k++) mid[k] = f64[m + k];
  readoutProbs(sc);
}

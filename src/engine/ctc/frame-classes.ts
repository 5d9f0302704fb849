// The class of every frame of one sequence of an `outputAt: 'every'` model (the readout's argmax at
// each step), run on the same step code as everything else: the WebAssembly kernels where they
// load (top-layer states of every step, then the readout), the TypeScript step loop otherwise.
import type { CompiledModel } from '../compile';
import { deltaNetworkStep } from '../delta-step';
import { checkFrames, type Frames, loadFrame } from '../frame';
import { argmax, readoutInto } from '../readout';
import { resetState, type Scratch } from '../scratch';
import { kernelRun, kernelsFor } from '../wasm/run';

/** The blank class of a CTC model, or null when the model is not one. */
export function ctcBlank(cm: CompiledModel): number | null {
  const task = cm.model.task;
  return task.kind === 'classification' && task.ctc ? task.ctc.blank : null;
}

/**
 * Runs frames [offset, offset + length) from a fresh state in sc (thresholds already set, counters
 * added to) and writes the argmax of each step's readout into out[0..length).
 */
export function frameClassesInto(
  sc: Scratch,
  frames: Frames,
  offset: number,
  length: number,
  out: Int32Array,
): void {
  const cm = sc.cm;
  checkFrames(cm, frames, offset, length);
  if (out.length < length) throw new RangeError(`out holds ${out.length} of ${length} frames`);
  resetState(sc);
  const km = kernelsFor(cm);
  if (km) {
    const hist = kernelRun(km, sc, frames, offset, length, false, true)!;
    const h = sc.layers[sc.layers.length - 1].h;
    const H = h.length;
    for (let t = 0; t < length; t++) {
      h.set(hist.subarray(t * H, (t + 1) * H));
      readoutInto(sc);
      out[t] = argmax(sc.output);
    }
    return;
  }
  for (let t = 0; t < length; t++) {
    loadFrame(cm, sc, frames, offset + t);
    deltaNetworkStep(cm, sc);
    readoutInto(sc);
    out[t] = argmax(sc.output);
  }
}

/** Compiled models whose readout is per frame, as CTC needs. */
export function checkCtcModel(cm: CompiledModel): number {
  const blank = ctcBlank(cm);
  if (blank === null) throw new RangeError('not a CTC model (task.ctc is missing)');
  if (cm.model.outputAt !== 'every') throw new RangeError("a CTC model reads out at every step ('every')");
  return blank;
}

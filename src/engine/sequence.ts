// The fast whole-sequence API: one sequence through the delta-GRU on the same step code as the
// stepping runner, returning only what is asked for.
import type { CompiledModel } from './compile';
import { countersOf } from './costs';
import { deltaNetworkStep } from './delta-step';
import { checkFrames, type Frames, loadFrame } from './frame';
import { argmax, readoutInto } from './readout';
import { resetCounters, resetState, type Scratch, scratchFor } from './scratch';
import { setThresholds } from './thresholds';
import { createTrace, recordAfter, recordBefore } from './trace';
import type { SequenceResult, SequenceTrace, Thresholds } from './types';
import { kernelSequence, kernelsFor } from './wasm/run';

export interface SequenceOptions {
  trace?: boolean;
  /** Regression targets aligned with frames: outputs per frame, starting at the same frame offset. */
  targets?: Float32Array;
  /** Reuse these buffers (made by createScratch for the same compiled model). */
  scratch?: Scratch;
  /** First frame of the sequence in `frames` (default 0), so packs need no subarray per item. */
  offset?: number;
}

/**
 * Runs frames [offset, offset + length) from a fresh state in sc, adding to sc's counters (not
 * resetting them). Thresholds must already be set. Leaves the final readout in sc.output/probs and
 * the regression error in sc.sqError/sqCount. Allocates nothing unless a trace is passed.
 */
export function runInto(
  sc: Scratch,
  frames: Frames,
  offset: number,
  length: number,
  targets: Float32Array | undefined,
  trace: SequenceTrace | null,
): void {
  const cm = sc.cm;
  checkFrames(cm, frames, offset, length);
  resetState(sc);
  const every = cm.model.outputAt === 'every';
  const out = cm.outputs;
  const tg = cm.classification ? undefined : targets;
  if (tg && tg.length < (offset + length) * out) {
    throw new RangeError(`targets hold fewer than ${offset + length} frames of ${out} outputs`);
  }
  // Fixed point without a trace runs in one WebAssembly call where the kernels load (same results).
  const km = trace ? null : kernelsFor(cm);
  if (km) {
    kernelSequence(km, sc, frames, offset, length, tg);
    return;
  }
  for (let t = 0; t < length; t++) {
    loadFrame(cm, sc, frames, offset + t);
    if (trace) recordBefore(trace, sc, t);
    deltaNetworkStep(cm, sc);
    const last = t === length - 1;
    if (every || last || trace) readoutInto(sc);
    if (tg && (every || last)) {
      const base = (offset + t) * out;
      for (let k = 0; k < out; k++) {
        const e = sc.output[k] - tg[base + k];
        sc.sqError += e * e;
      }
      sc.sqCount += out;
    }
    if (trace) recordAfter(trace, sc, t);
  }
  if (length === 0) readoutInto(sc);
}

export function runSequence(
  cm: CompiledModel,
  th: Thresholds,
  frames: Frames,
  length: number,
  opts: SequenceOptions = {},
): SequenceResult {
  const sc = scratchFor(cm, opts.scratch);
  setThresholds(sc, th);
  resetCounters(sc);
  const trace = opts.trace ? createTrace(cm, length) : null;
  runInto(sc, frames, opts.offset ?? 0, length, opts.targets, trace);
  const result: SequenceResult = {
    output: Float32Array.from(sc.output),
    probs: Float32Array.from(sc.probs),
    prediction: cm.classification ? argmax(sc.output) : -1,
    costs: countersOf(cm, sc.layers),
  };
  if (!cm.classification && opts.targets) {
    result.sqError = sc.sqError;
    result.sqCount = sc.sqCount;
  }
  if (trace) result.trace = trace;
  return result;
}

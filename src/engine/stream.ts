// The lean streaming API: one frame in, the readout out, nothing allocated per frame (as the
// microphone and the live road call the engine). Unlike the Runner it returns no per-step copies
// of the state; the WebAssembly kernels run it where they load, the TypeScript steps elsewhere.
import type { CompiledModel } from './compile';
import { countersOf } from './costs';
import { deltaNetworkStep } from './delta-step';
import { denseLayerStep } from './dense';
import { type Frames, loadFrame } from './frame';
import { readoutInto } from './readout';
import { createScratch, resetCounters, resetState } from './scratch';
import { setThresholds } from './thresholds';
import type { CostCounters, Thresholds } from './types';
import { kernelReadout, kernelStep, kernelsFor } from './wasm/run';

export interface Streamer {
  /** Back to the start of a sequence; counters restart too. */
  reset(): void;
  /** Feeds one frame; returns the readout (logits or values), a buffer reused by the next step. */
  step(frame: Frames): Float64Array;
  costs(): CostCounters;
}

/** A delta-GRU stream (or with `dense`, the dense GRU) at thresholds th. */
export function createStreamer(cm: CompiledModel, th: Thresholds, opts: { dense?: boolean } = {}): Streamer {
  const sc = createScratch(cm);
  setThresholds(sc, th);
  const dense = opts.dense ?? false;
  const km = kernelsFor(cm, true);
  let fresh = true;
  const reset = () => {
    resetState(sc);
    resetCounters(sc);
    fresh = true;
  };
  reset();
  const step = (frame: Frames): Float64Array => {
    if (frame.length !== cm.inputSize) {
      throw new RangeError(`a frame has ${cm.inputSize} values, got ${frame.length}`);
    }
    if (km) {
      kernelStep(km, sc, frame, dense, fresh);
      kernelReadout(km, sc);
    } else {
      loadFrame(cm, sc, frame, 0);
      if (dense) {
        let x = sc.input;
        for (let l = 0; l < cm.layers.length; l++) {
          denseLayerStep(cm, cm.layers[l], sc.layers[l], x);
          x = sc.layers[l].h;
        }
      } else {
        deltaNetworkStep(cm, sc);
      }
      readoutInto(sc);
    }
    fresh = false;
    return sc.output;
  };
  return { reset, step, costs: () => countersOf(cm, sc.layers) };
}

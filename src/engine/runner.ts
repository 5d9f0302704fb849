// The stepping API for animation: one frame at a time, with fresh copies of every layer's state in
// real units. It runs the same step code as runSequence, so both agree exactly.
import type { CompiledModel } from './compile';
import { countersOf } from './costs';
import { deltaNetworkStep } from './delta-step';
import { type Frames, loadFrame } from './frame';
import { readoutInto } from './readout';
import { createScratch, resetCounters, resetState } from './scratch';
import { setThresholds } from './thresholds';
import type { CostCounters, LayerStep, StepResult, Thresholds } from './types';

export interface Runner {
  /** Back to the start of a sequence; counters restart too. */
  reset(): void;
  /** Feeds one frame (inputSize values: real values, or activation codes in an Int8Array). */
  step(frame: Frames): StepResult;
  /** Counters since the last reset. */
  costs(): CostCounters;
  /** Steps taken since the last reset. */
  readonly t: number;
}

function scaledCopy(a: Float32Array | Float64Array, scale: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k] * scale;
  return out;
}

export function createRunner(cm: CompiledModel, th: Thresholds): Runner {
  const sc = createScratch(cm);
  setThresholds(sc, th);
  let t = 0;
  const reset = () => {
    resetState(sc);
    resetCounters(sc);
    t = 0;
  };
  reset();
  const step = (frame: Frames): StepResult => {
    if (frame.length !== cm.inputSize) {
      throw new RangeError(`a frame has ${cm.inputSize} values, got ${frame.length}`);
    }
    const vs = cm.valueScale;
    loadFrame(cm, sc, frame, 0);
    const hPrev = sc.layers.map((s) => scaledCopy(s.h, vs));
    deltaNetworkStep(cm, sc);
    readoutInto(sc);
    const layers = sc.layers.map((s, l): LayerStep => {
      const L = cm.layers[l];
      const H = L.hiddenSize;
      const deltaX = new Float32Array(L.inputSize);
      const firedX = new Uint8Array(L.inputSize);
      const deltaH = new Float32Array(H);
      const firedH = new Uint8Array(H);
      for (let k = 0; k < s.nx; k++) {
        deltaX[s.firedIdx[k]] = s.firedD[k] * vs;
        firedX[s.firedIdx[k]] = 1;
      }
      // Fired hidden units are stored as columns I + j of the layer's joint weight buffer.
      for (let k = s.nx; k < s.nx + s.nh; k++) {
        deltaH[s.firedIdx[k] - L.inputSize] = s.firedD[k] * vs;
        firedH[s.firedIdx[k] - L.inputSize] = 1;
      }
      const as = cm.accScale;
      return {
        x: scaledCopy(l === 0 ? sc.input : sc.layers[l - 1].h, vs),
        xHat: scaledCopy(s.xHat, vs),
        deltaX,
        firedX,
        hPrev: hPrev[l],
        hHat: scaledCopy(s.hHat, vs),
        deltaH,
        firedH,
        h: scaledCopy(s.h, vs),
        mR: scaledCopy(s.acc.subarray(0, H), as),
        mZ: scaledCopy(s.acc.subarray(H, 2 * H), as),
        mNx: scaledCopy(s.acc.subarray(2 * H, 3 * H), as),
        mNh: scaledCopy(s.acc.subarray(3 * H), as),
        nx: s.nx,
        nh: s.nh,
      };
    });
    const result: StepResult = {
      t,
      layers,
      output: Float32Array.from(sc.output),
      probs: Float32Array.from(sc.probs),
    };
    t++;
    return result;
  };
  return {
    reset,
    step,
    costs: () => countersOf(cm, sc.layers),
    get t() {
      return t;
    },
  };
}

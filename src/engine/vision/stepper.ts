// Pixels to steering one frame at a time, for a closed loop (the next frame depends on this answer):
// the CNN in fixed point as a delta CNN (only what changed since the last frame is recomputed; the
// Q2.5 codes are bit for bit cnnForwardFixed's, which the packs store), then one delta-GRU step on
// the same step code as runSequence. Thresholds can change between frames without a reset.
import { createDeltaCnn, deltaCnnStep, resetDeltaCnn } from '../cnn/delta';
import type { CompiledCnn } from '../cnn/fixed';
import { featureCount } from '../cnn/shapes';
import type { CompiledModel } from '../compile';
import { layerCounters, zeroCounters } from '../costs';
import { deltaNetworkStep } from '../delta-step';
import { loadFrame } from '../frame';
import { readoutInto } from '../readout';
import { createScratch, resetCounters, resetState } from '../scratch';
import { setThresholds } from '../thresholds';
import type { CostCounters, Thresholds } from '../types';

export interface PixelStep {
  /** Readout at this frame (regression values, e.g. steering in degrees). */
  output: Float32Array;
  /** The CNN's feature codes for this frame (the GRU's input). */
  features: Int8Array;
  /** CNN MACs executed for this frame by the delta CNN (a dense CNN always does cnnCostPerFrame's). */
  cnnMacs: number;
  /** Per layer: fired inputs and hidden units at this frame. */
  nx: number[];
  nh: number[];
  /** Per layer, inputs then hidden units: 1 where the entry transmitted a delta at this frame. */
  fired: Uint8Array[];
  /** The GRU's cost counters of this frame alone (DESIGN.md section 3). */
  costs: CostCounters;
}

export interface PixelStepper {
  step(frame: Uint8Array): PixelStep;
  /** New thresholds from the next frame on; the network's state is kept. */
  setThresholds(th: Thresholds): void;
  /** Back to the start state (x̂ = ĥ = h = 0). */
  reset(): void;
  /** Frames stepped since the last reset. */
  readonly t: number;
}

export function createPixelStepper(cnn: CompiledCnn, cm: CompiledModel, th: Thresholds): PixelStepper {
  const nf = featureCount(cnn.cnn);
  if (nf !== cm.inputSize) {
    throw new RangeError(`the CNN gives ${nf} features but the GRU reads ${cm.inputSize}`);
  }
  const sc = createScratch(cm);
  setThresholds(sc, th);
  const features = new Int8Array(nf);
  const dcnn = createDeltaCnn(cnn);
  let t = 0;
  const reset = () => {
    resetDeltaCnn(dcnn);
    resetState(sc);
    resetCounters(sc);
    t = 0;
  };
  reset();
  return {
    step(frame) {
      const cnnMacs = deltaCnnStep(dcnn, frame, features);
      const before = sc.layers.map((s) => [s.accSat, s.actSat]);
      loadFrame(cm, sc, features, 0);
      deltaNetworkStep(cm, sc);
      readoutInto(sc);
      t++;
      const costs = zeroCounters(cm.layers.length);
      const fired = sc.layers.map((s, l) => {
        const L = cm.layers[l];
        costs.layers[l] = layerCounters(
          L.inputSize,
          L.hiddenSize,
          1,
          s.nx,
          s.nh,
          s.accSat - before[l][0],
          s.actSat - before[l][1],
        );
        // firedIdx holds inputs as columns i and hidden units as columns I + j: one row per entry.
        const mask = new Uint8Array(L.inputSize + L.hiddenSize);
        for (let k = 0; k < s.nx + s.nh; k++) mask[s.firedIdx[k]] = 1;
        return mask;
      });
      return {
        output: Float32Array.from(sc.output),
        features: features.slice(),
        cnnMacs,
        nx: sc.layers.map((s) => s.nx),
        nh: sc.layers.map((s) => s.nh),
        fired,
        costs,
      };
    },
    setThresholds: (next) => setThresholds(sc, next),
    reset,
    get t() {
      return t;
    },
  };
}

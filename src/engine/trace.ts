// Records the compact whole-sequence trace (types.ts SequenceTrace): real-valued states per step and
// fired masks as bitsets. Allocated once per traced sequence, written in place each step.
import type { CompiledModel } from './compile';
import type { Scratch } from './scratch';
import type { LayerTrace, SequenceTrace } from './types';

export function createTrace(cm: CompiledModel, steps: number): SequenceTrace {
  return {
    steps,
    layers: cm.layers.map((L): LayerTrace => {
      const I = L.inputSize;
      const H = L.hiddenSize;
      return {
        inputSize: I,
        hiddenSize: H,
        x: new Float32Array(steps * I),
        xHat: new Float32Array(steps * I),
        firedX: new Uint32Array(steps * Math.ceil(I / 32)),
        hPrev: new Float32Array(steps * H),
        hHat: new Float32Array(steps * H),
        firedH: new Uint32Array(steps * Math.ceil(H / 32)),
        h: new Float32Array(steps * H),
        nx: new Uint16Array(steps),
        nh: new Uint16Array(steps),
      };
    }),
    fired: new Uint32Array(steps),
    firedSoFar: new Float64Array(steps),
    output: new Float32Array(steps * cm.outputs),
    probs: new Float32Array(steps * cm.outputs),
  };
}

function scaled(into: Float32Array, at: number, from: Float32Array, scale: number): void {
  for (let k = 0; k < from.length; k++) into[at + k] = from[k] * scale;
}

/** Before step t: h_{t-1} of every layer. */
export function recordBefore(tr: SequenceTrace, sc: Scratch, t: number): void {
  const scale = sc.cm.valueScale;
  tr.layers.forEach((lt, l) => {
    scaled(lt.hPrev, t * lt.hiddenSize, sc.layers[l].h, scale);
  });
}

/** After step t (and its readout): inputs, transmitted values, fired masks, h, outputs. */
export function recordAfter(tr: SequenceTrace, sc: Scratch, t: number): void {
  const scale = sc.cm.valueScale;
  let fired = 0;
  tr.layers.forEach((lt, l) => {
    const s = sc.layers[l];
    fired += s.nx + s.nh;
    const I = lt.inputSize;
    const H = lt.hiddenSize;
    scaled(lt.x, t * I, l === 0 ? sc.input : sc.layers[l - 1].h, scale);
    scaled(lt.xHat, t * I, s.xHat, scale);
    scaled(lt.hHat, t * H, s.hHat, scale);
    scaled(lt.h, t * H, s.h, scale);
    const wx = t * Math.ceil(I / 32);
    const wh = t * Math.ceil(H / 32);
    for (let k = 0; k < s.nx; k++) {
      const i = s.firedIdx[k];
      lt.firedX[wx + (i >> 5)] |= 1 << (i & 31);
    }
    for (let k = s.nx; k < s.nx + s.nh; k++) {
      const j = s.firedIdx[k] - I; // stored as column I + j of the joint weight buffer
      lt.firedH[wh + (j >> 5)] |= 1 << (j & 31);
    }
    lt.nx[t] = s.nx;
    lt.nh[t] = s.nh;
  });
  tr.fired[t] = fired;
  tr.firedSoFar[t] = (t > 0 ? tr.firedSoFar[t - 1] : 0) + fired;
  const o = t * sc.cm.outputs;
  tr.output.set(sc.output, o);
  tr.probs.set(sc.probs, o);
}

/** Whether bit k of step t is set in a trace bitset of `size` entries per step. */
export function firedAt(mask: Uint32Array, size: number, t: number, k: number): boolean {
  return ((mask[t * Math.ceil(size / 32) + (k >> 5)] >>> (k & 31)) & 1) === 1;
}

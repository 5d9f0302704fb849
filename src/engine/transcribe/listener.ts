// Always-on listening: the delta network and the dense network run side by side on the same stream
// of frames, each greedy-decoding its own transcript, and every frame's cost (DESIGN.md section 3,
// "cost with delta overhead", summed over all layers) goes into an operations-per-second rate.
import type { CompiledModel } from '../compile';
import { layerCounters } from '../costs';
import { type GreedyStream, greedyStream } from '../ctc';
import { argmax } from '../readout';
import { createStreamer, type Streamer } from '../stream';
import type { CostCounters, Thresholds } from '../types';
import { createRateMeter, type RateMeter } from './rate-meter';

/** What a batch of frames gave, one entry per frame (fired: frames x layers, frame-major). */
export interface ListenBatch {
  frames: number;
  layers: number;
  /** Label each frame emits (delta network, then dense network), -1 for none. */
  emitted: Int8Array;
  denseEmitted: Int8Array;
  /** n_x + n_h of each layer at each frame (delta network). */
  fired: Uint16Array;
  /** Each frame's cost, all layers: the delta network's (with its overhead) and the dense one's. */
  deltaOps: Float64Array;
  denseOps: Float64Array;
  /** Operations per second over the last window up to each frame. */
  deltaRate: Float64Array;
  denseRate: Float64Array;
}

/** Since the start: frames heard and the summed costs of both networks. */
export interface ListenTotals {
  frames: number;
  deltaOps: number;
  denseOps: number;
  /** Occupancy per layer over the frames heard (Σ(n_x + n_h) / Σ(I + H)). */
  occupancy: number[];
}

export interface Listener {
  push(codes: Int8Array, frames: number): ListenBatch;
  totals(): ListenTotals;
  reset(): void;
}

export interface ListenerOptions {
  blank: number;
  framesPerSecond: number;
  /** Frames the rate is taken over (default: half a second). */
  windowFrames?: number;
}

function netCost(c: CostCounters, key: 'deltaCost' | 'denseCost'): number {
  let s = 0;
  for (const l of c.layers) s += l[key];
  return s;
}

export function createListener(cm: CompiledModel, th: Thresholds, o: ListenerOptions): Listener {
  const I = cm.inputSize;
  const L = cm.layers.length;
  const window = o.windowFrames ?? Math.max(1, Math.round(o.framesPerSecond / 2));
  const delta: Streamer = createStreamer(cm, th);
  const dense: Streamer = createStreamer(cm, th, { dense: true });
  const em: GreedyStream = greedyStream(o.blank);
  const denseEm: GreedyStream = greedyStream(o.blank);
  const deltaMeter: RateMeter = createRateMeter(window, o.framesPerSecond);
  const denseMeter: RateMeter = createRateMeter(window, o.framesPerSecond);
  const firedX = new Float64Array(L);
  const firedH = new Float64Array(L);
  let prevDense = 0;
  let frames = 0;
  const reset = () => {
    delta.reset();
    dense.reset();
    em.reset();
    denseEm.reset();
    deltaMeter.reset();
    denseMeter.reset();
    firedX.fill(0);
    firedH.fill(0);
    prevDense = 0;
    frames = 0;
  };
  const push = (codes: Int8Array, n: number): ListenBatch => {
    if (!Number.isInteger(n) || n < 0 || codes.length < n * I) {
      throw new RangeError(`${n} frames of ${I} values need ${n * I} codes, got ${codes.length}`);
    }
    const b: ListenBatch = {
      frames: n,
      layers: L,
      emitted: new Int8Array(n),
      denseEmitted: new Int8Array(n),
      fired: new Uint16Array(n * L),
      deltaOps: new Float64Array(n),
      denseOps: new Float64Array(n),
      deltaRate: new Float64Array(n),
      denseRate: new Float64Array(n),
    };
    for (let t = 0; t < n; t++) {
      const frame = codes.subarray(t * I, (t + 1) * I);
      b.emitted[t] = em.push(argmax(delta.step(frame)));
      b.denseEmitted[t] = denseEm.push(argmax(dense.step(frame)));
      // This frame's firing per layer is the growth of the layer's counters; its cost is section 3's row.
      const c = delta.costs();
      let ops = 0;
      for (let l = 0; l < L; l++) {
        const nx = c.layers[l].firedX - firedX[l];
        const nh = c.layers[l].firedH - firedH[l];
        firedX[l] = c.layers[l].firedX;
        firedH[l] = c.layers[l].firedH;
        b.fired[t * L + l] = nx + nh;
        ops += layerCounters(cm.layers[l].inputSize, cm.layers[l].hiddenSize, 1, nx, nh).deltaCost;
      }
      const denseNow = netCost(dense.costs(), 'denseCost');
      b.deltaOps[t] = ops;
      b.denseOps[t] = denseNow - prevDense;
      prevDense = denseNow;
      b.deltaRate[t] = deltaMeter.push(ops);
      b.denseRate[t] = denseMeter.push(b.denseOps[t]);
    }
    frames += n;
    return b;
  };
  const totals = (): ListenTotals => {
    const c = delta.costs();
    return {
      frames,
      deltaOps: netCost(c, 'deltaCost'),
      denseOps: netCost(dense.costs(), 'denseCost'),
      occupancy: c.layers.map((l) => (l.possible === 0 ? 0 : (l.firedX + l.firedH) / l.possible)),
    };
  };
  return { push, totals, reset };
}

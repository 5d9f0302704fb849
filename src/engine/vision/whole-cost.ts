// The whole network's cost per frame (DESIGN.md section 3): the CNN runs densely on every frame, so
// its cost is added to both the dense and the delta GRU's. This is the car's speedup, not the GRU's.
import type { CnnCost } from '../cnn/cost';
import type { CostCounters } from '../types';

export interface WholeNetworkCost {
  frames: number;
  /** Per frame, the CNN (the same with and without deltas). */
  cnnMacs: number;
  cnnMemory: number;
  /** Per frame, the GRU's cost with delta overhead (dense: 3H(I+H); delta: 3H(n_x+n_h) + 2(I+H)). */
  gruDenseCost: number;
  gruDeltaCost: number;
  /** Per frame, CNN MACs + GRU cost. */
  wholeDenseCost: number;
  wholeDeltaCost: number;
  /** wholeDenseCost / wholeDeltaCost: the whole network's speedup. */
  wholeSpeedup: number;
  /** gruDenseCost / gruDeltaCost: the GRU's alone, for comparison. */
  gruSpeedup: number;
  /** Share of the delta network's per-frame cost spent in the CNN (0-1). */
  cnnShare: number;
  /**
   * Beyond the paper, when the frames went through a delta CNN (only what changed recomputed, the
   * same features): its MACs per frame, and the whole network with both halves delta.
   */
  deltaCnn?: { cnnMacs: number; wholeDeltaCost: number; wholeSpeedup: number };
}

const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 1 : Infinity) : a / b);

/** deltaCnnMacs: CNN MACs executed over the same frames by a delta CNN, when one ran. */
export function wholeNetworkCost(cnn: CnnCost, gru: CostCounters, deltaCnnMacs?: number): WholeNetworkCost {
  const frames = gru.layers[0]?.steps ?? 0;
  const per = (v: number) => (frames === 0 ? 0 : v / frames);
  const gruDenseCost = per(gru.layers.reduce((s, l) => s + l.denseCost, 0));
  const gruDeltaCost = per(gru.layers.reduce((s, l) => s + l.deltaCost, 0));
  const wholeDenseCost = cnn.macs + gruDenseCost;
  const wholeDeltaCost = cnn.macs + gruDeltaCost;
  const dCnn = deltaCnnMacs === undefined ? undefined : per(deltaCnnMacs);
  return {
    ...(dCnn !== undefined && {
      deltaCnn: {
        cnnMacs: dCnn,
        wholeDeltaCost: dCnn + gruDeltaCost,
        wholeSpeedup: ratio(wholeDenseCost, dCnn + gruDeltaCost),
      },
    }),
    frames,
    cnnMacs: cnn.macs,
    cnnMemory: cnn.memoryAccesses,
    gruDenseCost,
    gruDeltaCost,
    wholeDenseCost,
    wholeDeltaCost,
    wholeSpeedup: ratio(wholeDenseCost, wholeDeltaCost),
    gruSpeedup: ratio(gruDenseCost, gruDeltaCost),
    cnnShare: wholeDeltaCost === 0 ? 0 : cnn.macs / wholeDeltaCost,
  };
}

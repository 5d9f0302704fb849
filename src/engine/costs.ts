// Cost accounting exactly as DESIGN.md section 3. Counters are raw additive sums; figures
// (speedup, reductions, occupancy) are derived from them only here.
import type { CompiledModel } from './compile';
import type { LayerState } from './scratch';
import type { CostCounters, CostFigures, LayerCounters, SequenceTrace, StepCosts } from './types';

function zero(): LayerCounters {
  return {
    steps: 0,
    firedX: 0,
    firedH: 0,
    possible: 0,
    denseMacs: 0,
    deltaMacs: 0,
    denseCost: 0,
    deltaCost: 0,
    denseMem: 0,
    deltaMem: 0,
    accSaturations: 0,
    actSaturations: 0,
  };
}

export function zeroCounters(layers: number): CostCounters {
  return { layers: Array.from({ length: layers }, zero) };
}

export function emptyCounters(cm: CompiledModel): CostCounters {
  return zeroCounters(cm.layers.length);
}

/**
 * Counters of one layer of size I x H over `steps` steps with Σn_x = firedX and Σn_h = firedH.
 * Every row of section 3 is linear in (steps, n_x + n_h), so the sums follow from these totals.
 */
export function layerCounters(
  I: number,
  H: number,
  steps: number,
  firedX: number,
  firedH: number,
  accSaturations = 0,
  actSaturations = 0,
): LayerCounters {
  const dense = 3 * H * (I + H) * steps;
  const delta = 3 * H * (firedX + firedH);
  const vec = (I + H) * steps;
  return {
    steps,
    firedX,
    firedH,
    possible: vec,
    denseMacs: dense,
    deltaMacs: delta,
    denseCost: dense,
    deltaCost: delta + 2 * vec,
    denseMem: dense + vec,
    deltaMem: delta + 4 * vec,
    accSaturations,
    actSaturations,
  };
}

/** Section 3's rows per layer and step from a trace's n_x and n_h, with the network's running MAC sums. */
export function stepCosts(trace: SequenceTrace): StepCosts {
  const layers = trace.layers.map((L) =>
    Array.from({ length: trace.steps }, (_, t) =>
      layerCounters(L.inputSize, L.hiddenSize, 1, L.nx[t], L.nh[t]),
    ),
  );
  const denseMacsSoFar = new Float64Array(trace.steps);
  const deltaMacsSoFar = new Float64Array(trace.steps);
  let dense = 0;
  let delta = 0;
  for (let t = 0; t < trace.steps; t++) {
    for (const l of layers) {
      dense += l[t].denseMacs;
      delta += l[t].deltaMacs;
    }
    denseMacsSoFar[t] = dense;
    deltaMacsSoFar[t] = delta;
  }
  return { layers, denseMacsSoFar, deltaMacsSoFar };
}

/** The counters accumulated in the layer states of a scratch. */
export function countersOf(cm: CompiledModel, states: LayerState[]): CostCounters {
  return {
    layers: cm.layers.map((L, l) => {
      const s = states[l];
      return layerCounters(L.inputSize, L.hiddenSize, s.steps, s.firedX, s.firedH, s.accSat, s.actSat);
    }),
  };
}

/** Adds `from` into `into` field by field (same layer count) and returns `into`. */
export function addCounters(into: CostCounters, from: CostCounters): CostCounters {
  if (into.layers.length !== from.layers.length) {
    throw new RangeError(`cannot add counters of ${from.layers.length} layers to ${into.layers.length}`);
  }
  into.layers.forEach((a, l) => {
    const b = from.layers[l];
    for (const key of Object.keys(a) as (keyof LayerCounters)[]) a[key] += b[key];
  });
  return into;
}

/** a / b, with 0/0 = 1 (nothing was computed either way) and x/0 = Infinity. */
function ratio(a: number, b: number): number {
  if (b === 0) return a === 0 ? 1 : Infinity;
  return a / b;
}

export function computeFigures(c: CostCounters): CostFigures {
  const sum = (k: keyof LayerCounters) => c.layers.reduce((s, l) => s + l[k], 0);
  const denseMacs = sum('denseMacs');
  const deltaMacs = sum('deltaMacs');
  const denseCost = sum('denseCost');
  const deltaCost = sum('deltaCost');
  const denseMem = sum('denseMem');
  const deltaMem = sum('deltaMem');
  const fired = sum('firedX') + sum('firedH');
  const possible = sum('possible');
  return {
    speedup: ratio(denseCost, deltaCost),
    macReduction: ratio(denseMacs, deltaMacs),
    memReduction: ratio(denseMem, deltaMem),
    occupancy: c.layers.map((l) => (l.possible === 0 ? 0 : (l.firedX + l.firedH) / l.possible)),
    layerSpeedup: c.layers.map((l) => ratio(l.denseCost, l.deltaCost)),
    occupancyAll: possible === 0 ? 0 : fired / possible,
    denseMacs,
    deltaMacs,
    denseCost,
    deltaCost,
    denseMem,
    deltaMem,
    saturations: sum('accSaturations') + sum('actSaturations'),
  };
}

// The benchmark's workloads: the shipped digits model on its test pack, and random I = 40 GRUs
// with H = 128, 256, 512 in 1 and 2 layers (the digits model's number formats), each with the
// delta settings the issue asks for.
import { readFileSync } from 'node:fs';
import { type CompiledModel, compileModel } from '../../src/engine/compile';
import { computeFigures } from '../../src/engine/costs';
import { decodeModel } from '../../src/engine/format/model';
import { decodePack } from '../../src/engine/format/pack';
import { randomModel } from '../../src/engine/random-model';
import { createScratch } from '../../src/engine/scratch';
import { runSequence } from '../../src/engine/sequence';
import { uniformThresholds } from '../../src/engine/thresholds';
import type { Model, Thresholds } from '../../src/engine/types';
import { calibrate, changingFrames } from '../bench-engine';
import type { Item } from './peers';

export interface DeltaSetting {
  variant: string;
  th: Thresholds;
  items: Item[];
}

export interface Shape {
  name: string;
  model: Model;
  fixed: CompiledModel;
  /** What the dense runtimes (and the check) run. */
  items: Item[];
  deltas: DeltaSetting[];
}

function items(codes: Int8Array[], I: number, f: number): Item[] {
  return codes.map((c) => ({ T: c.length / I, codes: c, real: Float32Array.from(c, (v) => v * 2 ** -f) }));
}

/** Occupancy (all layers) and theoretical cost speedup of the delta GRU over these items. */
export function deltaFigures(cm: CompiledModel, s: DeltaSetting): { occupancy: number; speedup: number } {
  const sc = createScratch(cm);
  let dense = 0;
  let delta = 0;
  let fired = 0;
  let possible = 0;
  // runSequence restarts the counters each call: sum the items' figures.
  for (const it of s.items) {
    const c = runSequence(cm, s.th, it.codes, it.T, { scratch: sc }).costs;
    const f = computeFigures(c);
    dense += f.denseCost;
    delta += f.deltaCost;
    for (const L of c.layers) {
      fired += L.firedX + L.firedH;
      possible += L.possible;
    }
  }
  return { occupancy: fired / possible, speedup: dense / delta };
}

export function digitsShape(maxItems: number): Shape {
  const model = decodeModel(readFileSync('public/models/digits-delta-l1.dlm'));
  const pack = decodePack(readFileSync('public/models/digits-test.dlp'));
  const I = model.layers[0].inputSize;
  const f = model.fixedPoint.activation.fracBits;
  const its = items(
    pack.items.slice(0, maxItems).map((it) => pack.frames.slice(it.offset * I, (it.offset + it.length) * I)),
    I,
    f,
  );
  const fixed = compileModel(model, 'fixed');
  const L = model.layers.length;
  // The uniform Θ whose occupancy on these items is closest to 10 %.
  let best = { th: uniformThresholds(L, 0, 0), gap: Infinity };
  for (let t = 0; t <= 24; t++) {
    const th = uniformThresholds(L, t, t);
    const gap = Math.abs(deltaFigures(fixed, { variant: '', th, items: its }).occupancy - 0.1);
    if (gap < best.gap) best = { th, gap };
  }
  return {
    name: `digits ${I}→${model.layers.map((l) => l.hiddenSize).join('→')}`,
    model,
    fixed,
    items: its,
    deltas: [
      { variant: 'Θ = 0', th: uniformThresholds(L, 0, 0), items: its },
      { variant: `~10 % (Θ = ${best.th.thetaX[0]})`, th: best.th, items: its },
      {
        variant: `trained thresholds (Θx = ${model.trainedThresholds.thetaX}, Θh = ${model.trainedThresholds.thetaH})`,
        th: model.trainedThresholds,
        items: its,
      },
    ],
  };
}

export function randomShape(layers: number, H: number, T: number, spec: Model['fixedPoint']): Shape {
  const I = 40;
  const model = randomModel({
    inputSize: I,
    hiddenSizes: Array(layers).fill(H),
    outputs: 10,
    seed: 4000 + layers * 1000 + H,
    fixedPoint: spec,
  });
  const fixed = compileModel(model, 'fixed');
  const f = spec.activation.fracBits;
  const full = items([changingFrames(I, T, 1, 31)], I, f);
  const p = calibrate(fixed, createScratch(fixed), 0.1, T);
  const sparse = items([changingFrames(I, T, p, 23)], I, f);
  const th = uniformThresholds(layers, 0, 0);
  return {
    name: `${layers}× ${I}→${H}`,
    model,
    fixed,
    items: full,
    deltas: [
      { variant: 'Θ = 0', th, items: full },
      { variant: '~10 % (Θ = 0, slow inputs)', th, items: sparse },
    ],
  };
}

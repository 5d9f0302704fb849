// Short human descriptions of models and packs, and the engine's EvalResult as one output record.
import type { EvalResult, Model, SamplePack, Thresholds } from '../../src/engine/types';
import type { Row } from './format';
import { wholeNetworkFields } from './whole';

export function q(f: { intBits: number; fracBits: number }): string {
  return `Q${f.intBits}.${f.fracBits}`;
}

/** A CNN front end in one line: its frames, then each layer. */
export function cnnText(cnn: NonNullable<Model['cnn']>): string {
  const layers = cnn.layers.map((l) =>
    l.kind === 'conv'
      ? `conv ${l.kernel}x${l.kernel}/${l.stride} x${l.channels}${l.relu ? ' relu' : ''}`
      : l.kind === 'maxpool'
        ? `maxpool ${l.size}/${l.stride}`
        : `dense ${l.size}${l.relu ? ' relu' : ''}`,
  );
  return `${cnn.width}x${cnn.height} frames → ${layers.join(' → ')}`;
}

export function architecture(m: Model): string {
  const sizes = [m.layers[0].inputSize, ...m.layers.map((l) => l.hiddenSize)].join('→');
  const ro = m.readout.layers.map((d) => d.outSize).join('→');
  const gru = `GRU ${sizes}, ${m.readout.kind} readout →${ro}, output at ${m.outputAt === 'every' ? 'every' : 'the last'} step`;
  return m.cnn ? `CNN ${cnnText(m.cnn)}, then ${gru}` : gru;
}

/** A per-layer threshold list as one number when every layer has the same. */
export function perLayer(v: number[]): number | number[] {
  return v.every((x) => x === v[0]) ? v[0] : v;
}

export function evalRecord(model: Model, pack: SamplePack, mode: string, th: Thresholds, r: EvalResult): Row {
  const f = r.figures;
  // CTC (connected digits): the digit error rate, edits over the reference length summed over the set.
  const task: Row =
    model.task.kind === 'regression'
      ? { rmse: r.rmse ?? null }
      : model.task.ctc
        ? { errorRate: r.errorRate ?? null, edits: r.edits ?? 0, referenceLength: r.refLength ?? 0 }
        : { accuracy: r.accuracy ?? null, correct: r.correct ?? 0 };
  return {
    model: model.name,
    data: pack.name,
    mode,
    n: r.n,
    ...task,
    speedup: f.speedup,
    macReduction: f.macReduction,
    memoryReduction: f.memReduction,
    occupancy: f.occupancyAll,
    occupancyPerLayer: f.occupancy,
    speedupPerLayer: f.layerSpeedup,
    thetaX: perLayer(th.thetaX),
    thetaH: perLayer(th.thetaH),
    denseMacs: f.denseMacs,
    deltaMacs: f.deltaMacs,
    denseCost: f.denseCost,
    deltaCost: f.deltaCost,
    denseMemoryAccesses: f.denseMem,
    deltaMemoryAccesses: f.deltaMem,
    saturations: f.saturations,
    ...wholeNetworkFields(model, r),
  };
}

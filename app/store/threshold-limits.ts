// Which threshold settings make sense for a model: slider range, presets, and checks on shared links.
import type { OperatingPoint, Thresholds } from '../../src/engine/types';
import type { ModelInfo } from '../../src/workers/api';

/** Sliders reach Θ = 2.0 in real units: beyond that nearly nothing fires in any trained model. */
export function maxThetaLsb(info: ModelInfo): number {
  return 2 ** (info.fixedPoint.activation.fracBits + 1);
}

/** The thresholds if they fit the model (one per layer, within the slider range), else null. */
export function fitThresholds(t: Thresholds | undefined | null, info: ModelInfo): Thresholds | null {
  if (!t) return null;
  const n = info.layers.length;
  const max = maxThetaLsb(info);
  const ok = (v: number[]) => v.length === n && v.every((x) => Number.isInteger(x) && x >= 0 && x <= max);
  return ok(t.thetaX) && ok(t.thetaH) ? { thetaX: [...t.thetaX], thetaH: [...t.thetaH] } : null;
}

export type PresetName = 'dense' | 'sweet' | 'aggressive';

export const PRESETS: { name: PresetName; label: string; key: string }[] = [
  { name: 'dense', label: 'dense (Θ = 0)', key: '1' },
  { name: 'sweet', label: 'operating point', key: '2' },
  { name: 'aggressive', label: 'aggressive', key: '3' },
];

/**
 * Dense sends every change. The operating point is the model's own, chosen on validation data (its
 * training report; the trained thresholds for a model without one), so it differs per model and is
 * never Θ = 0 for a model trained dense. Aggressive is twice that (at least 8 LSB = 0.5 in Q3.4), to
 * show where accuracy starts to fall.
 */
export function presetThresholds(name: PresetName, info: ModelInfo, op?: OperatingPoint | null): Thresholds {
  const base = op ? uniformThresholds(op, info) : info.trainedThresholds;
  const max = maxThetaLsb(info);
  const map = (f: (v: number) => number) => ({
    thetaX: base.thetaX.map(f),
    thetaH: base.thetaH.map(f),
  });
  if (name === 'dense') return map(() => 0);
  if (name === 'sweet') return map((v) => Math.min(max, v));
  const floor = 2 ** (info.fixedPoint.activation.fracBits - 1);
  return map((v) => Math.min(max, Math.max(2 * v, floor)));
}

export function sameThresholds(a: Thresholds | null, b: Thresholds | null): boolean {
  if (a === null || b === null) return a === b;
  const eq = (p: number[], q: number[]) => p.length === q.length && p.every((v, i) => v === q[i]);
  return eq(a.thetaX, b.thetaX) && eq(a.thetaH, b.thetaH);
}

/** One Θx and one Θh for every layer (how curve points are computed). */
export function uniformThresholds(t: { thetaX: number; thetaH: number }, info: ModelInfo): Thresholds {
  return { thetaX: info.layers.map(() => t.thetaX), thetaH: info.layers.map(() => t.thetaH) };
}

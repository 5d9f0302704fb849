// How an ONNX model's activation format is described on the page: what was chosen, how, and what
// the engine counted (formatting only; every count is the worker's).
import type { ModelQuantization, PackInfo } from '../../src/workers/api';

export const FORMAT_CHOICES = Array.from({ length: 8 }, (_, m) => ({ intBits: m, fracBits: 7 - m }));

export function qText(q: { intBits: number; fracBits: number }): string {
  return `Q${q.intBits}.${q.fracBits}`;
}

/** "Q2.5, calibrated on x.npy" and the like. */
export function howText(q: ModelQuantization): string {
  const f = qText(q.activation);
  switch (q.source) {
    case 'calibrated':
      return `${f}, calibrated on ${q.calibratedOn ?? 'your data'}: ${q.clipped} of ${q.values} values beyond its range`;
    case 'chosen':
      return `${f}, as chosen`;
    case 'file':
      return `${f}, the file's own (no data to calibrate on yet)`;
    default:
      return `${f}, the default (no data to calibrate on yet)`;
  }
}

/** What quantizing the current samples to the format clamped, when they are the user's real values. */
export function saturationText(pack: PackInfo | undefined): string | null {
  if (!pack?.quantized) return null;
  const { saturated, values } = pack.quantized;
  return `samples: ${saturated} of ${values} input values saturated`;
}

// Chooses the activation format Qm.f for real-valued data: the fewest integer bits whose range holds
// all but one in a thousand input values, so the rest of the 8 bits go to resolution. Hidden states
// lie in (-1, 1) and fit any m.
import type { QFormat } from '../types';
import type { RawSet } from './raw-set';

/** Share of values allowed to saturate. */
const CLIP_SHARE = 1e-3;

export interface CalibrationReport {
  activation: QFormat;
  /** Real input values at or beyond the chosen range (they saturate when quantized). */
  clipped: number;
  /** Real input values looked at. */
  values: number;
}

/** The calibrated format with what it clips, or null when the data holds no real values (int8 codes only). */
export function calibrateActivationReport(set: RawSet): CalibrationReport | null {
  const over = new Float64Array(8);
  let n = 0;
  for (const s of set.sequences) {
    if (!(s.frames instanceof Float32Array)) continue;
    for (const v of s.frames) {
      const a = Math.abs(v);
      for (let m = 0; m < 8; m++) if (a >= 2 ** m) over[m]++;
      n++;
    }
  }
  if (n === 0) return null;
  let m = 0;
  while (m < 7 && over[m] > CLIP_SHARE * n) m++;
  return { activation: { intBits: m, fracBits: 7 - m }, clipped: over[m], values: n };
}

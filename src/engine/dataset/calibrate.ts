// Chooses the activation format Qm.f for real-valued data: the fewest integer bits whose range holds
// all but one in a thousand input values, so the rest of the 8 bits go to resolution. Hidden states
// lie in (-1, 1) and fit any m.
import type { QFormat } from '../types';
import type { RawSet } from './raw-set';

/** Share of values allowed to saturate. */
const CLIP_SHARE = 1e-3;

export function calibrateActivation(set: RawSet): QFormat {
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
  let m = 0;
  while (m < 7 && over[m] > CLIP_SHARE * n) m++;
  return { intBits: m, fracBits: 7 - m };
}

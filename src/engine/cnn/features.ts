// Float features to the int8 codes the delta-GRU reads (Q2.5 for driving: LSB 1/32, range
// [-4, 3.96875]), with the engine's rounding and counted saturation.
import { quantize, type SatCounter } from '../fixed';
import type { QFormat, Rounding } from '../types';

export function quantizeFeatures(
  values: ArrayLike<number>,
  format: QFormat,
  rounding: Rounding,
  out: Int8Array,
  sat?: SatCounter,
): void {
  if (out.length !== values.length) {
    throw new Error(`quantizeFeatures: ${values.length} values into room for ${out.length}`);
  }
  if (1 + format.intBits + format.fracBits !== 8) {
    throw new Error(`quantizeFeatures: Q${format.intBits}.${format.fracBits} is not a signed 8-bit format`);
  }
  for (let i = 0; i < values.length; i++) out[i] = quantize(values[i], format.fracBits, 8, rounding, sat);
}

/** The paper's driving format. */
export const Q2_5: QFormat = { intBits: 2, fracBits: 5 };

// Fixed-point helpers (DESIGN.md section 4): rounding, saturation that is counted, and the
// sigmoid/tanh lookup tables the fixed-point gate math uses.
import type { FixedPointSpec, Rounding } from './types';

/** Activation codes are signed 8-bit. */
export const ACT_MIN = -128;
export const ACT_MAX = 127;

/**
 * The constant added before Math.floor: 'nearest' rounds half up (floor(v + 1/2), what an
 * add-half-then-shift circuit does), 'floor' truncates toward -Infinity (a bare arithmetic shift).
 */
export function roundBias(rounding: Rounding): number {
  return rounding === 'nearest' ? 0.5 : 0;
}

export function roundTo(v: number, rounding: Rounding): number {
  return Math.floor(v + roundBias(rounding));
}

/** Counts saturation events; shared so no clamp is ever silent. */
export interface SatCounter {
  count: number;
}

export function signedMin(bits: number): number {
  return -(2 ** (bits - 1));
}

export function signedMax(bits: number): number {
  return 2 ** (bits - 1) - 1;
}

/** Clamps an integer to a signed `bits`-bit range, counting the event in `sat` when it clamps. */
export function saturate(v: number, bits: number, sat?: SatCounter): number {
  const lo = signedMin(bits);
  const hi = signedMax(bits);
  if (v > hi) {
    if (sat) sat.count++;
    return hi;
  }
  if (v < lo) {
    if (sat) sat.count++;
    return lo;
  }
  return v;
}

/** sat(round(v * 2^frac)) as a signed `bits`-bit integer. */
export function quantize(
  v: number,
  frac: number,
  bits: number,
  rounding: Rounding,
  sat?: SatCounter,
): number {
  return saturate(roundTo(v * 2 ** frac, rounding), bits, sat);
}

/** An activation code's real value. */
export function dequantize(code: number, frac: number): number {
  return code * 2 ** -frac;
}

/**
 * Sigmoid and tanh sampled at k / 2^tableInputFrac for k in [min, max], outputs in 2^-gateFrac
 * units. Index a table with entry[k - min].
 */
export interface GateTables {
  sigmoid: Int32Array;
  tanh: Int32Array;
  min: number;
  max: number;
  inputFrac: number;
  outputFrac: number;
}

export function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

export function buildTables(spec: FixedPointSpec): GateTables {
  const steps = spec.tableInputRange * 2 ** spec.tableInputFrac;
  const min = -steps;
  const max = steps - 1;
  const size = max - min + 1;
  const one = 2 ** spec.gateFrac;
  const sig = new Int32Array(size);
  const tnh = new Int32Array(size);
  for (let k = min; k <= max; k++) {
    const v = k / 2 ** spec.tableInputFrac;
    sig[k - min] = roundTo(sigmoid(v) * one, spec.rounding);
    tnh[k - min] = roundTo(Math.tanh(v) * one, spec.rounding);
  }
  return { sigmoid: sig, tanh: tnh, min, max, inputFrac: spec.tableInputFrac, outputFrac: spec.gateFrac };
}

/** Looks up a table for a real-valued input (rounded to the table's input step, then clamped). */
export function lookup(tables: GateTables, table: Int32Array, v: number, rounding: Rounding): number {
  let k = roundTo(v * 2 ** tables.inputFrac, rounding);
  if (k < tables.min) k = tables.min;
  else if (k > tables.max) k = tables.max;
  return table[k - tables.min];
}

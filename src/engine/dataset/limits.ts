// Caps on imported evaluation data (NumPy, CSV), checked before anything of that size is allocated.
import { LIMITS } from '../format/limits';

export const DATA_LIMITS = {
  /** A .npy, .npz or .csv file as stored, and the sum of the arrays inflated from one .npz. */
  maxFileBytes: LIMITS.maxFileBytes,
  /** A .npy header (NumPy itself refuses more than 10 000 bytes by default). */
  maxHeaderBytes: 65_536,
  /** Arrays in one .npz. */
  maxArrays: LIMITS.maxItems + 16,
  maxRank: 8,
  /** CSV: characters in one line. */
  maxLineLength: 1_000_000,
} as const;

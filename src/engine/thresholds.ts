// Thresholds: Θx and Θh per layer in whole activation LSBs (DESIGN.md 4), and their conversion to
// the state units the firing comparison uses.
import type { Scratch } from './scratch';
import type { Thresholds } from './types';

/** The same Θx and Θh for every layer (what sweeps use). */
export function uniformThresholds(layers: number, thetaX: number, thetaH: number): Thresholds {
  return { thetaX: Array(layers).fill(thetaX), thetaH: Array(layers).fill(thetaH) };
}

/** Checks thresholds (whole LSB counts >= 0, one per layer) and stores them in state units. */
export function setThresholds(sc: Scratch, th: Thresholds): void {
  const n = sc.cm.layers.length;
  if (th.thetaX.length !== n || th.thetaH.length !== n) {
    throw new RangeError(`thresholds must have one thetaX and one thetaH per layer (${n} layers)`);
  }
  for (let l = 0; l < n; l++) {
    const tx = th.thetaX[l];
    const tH = th.thetaH[l];
    if (!Number.isInteger(tx) || !Number.isInteger(tH) || tx < 0 || tH < 0) {
      throw new RangeError(`thresholds are whole numbers of LSBs >= 0 (layer ${l}: ${tx}, ${tH})`);
    }
    sc.thX[l] = tx * sc.cm.thetaScale;
    sc.thH[l] = tH * sc.cm.thetaScale;
  }
}

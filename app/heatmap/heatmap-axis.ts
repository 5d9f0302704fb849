// The Θ values of the heatmap's axes: 21 evenly spaced integer settings (LSB) from 0, in steps of
// one LSB where the slider range allows (Q3.4: Θ = 0 … 1.25, past which trained models collapse).
export const HEATMAP_SIDE = 21;

export function heatmapAxis(maxLsb: number): number[] {
  const step = Math.max(1, Math.floor(maxLsb / (HEATMAP_SIDE - 1)));
  const n = Math.min(HEATMAP_SIDE, Math.floor(maxLsb / step) + 1);
  return Array.from({ length: n }, (_, k) => k * step);
}

// The per-frame emission probabilities as an image: one pixel column per frame, one row per output
// (row 0 at the top), brightness = the engine's softmax probability.
import type { Palette } from '../canvas/palette';

export function emissionImage(
  probs: Float32Array,
  steps: number,
  outputs: number,
  p: Palette,
): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = Math.max(1, steps);
  c.height = Math.max(1, outputs);
  const ctx = c.getContext('2d')!;
  const img = ctx.createImageData(c.width, c.height);
  for (let t = 0; t < steps; t++) {
    for (let k = 0; k < outputs; k++) {
      const v = Math.sqrt(probs[t * outputs + k]);
      const o = (k * c.width + t) * 4;
      img.data[o] = p.silent[0] + (p.up[0] - p.silent[0]) * v;
      img.data[o + 1] = p.silent[1] + (p.up[1] - p.silent[1]) * v;
      img.data[o + 2] = p.silent[2] + (p.up[2] - p.silent[2]) * v;
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return c;
}

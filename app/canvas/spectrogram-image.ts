// The utterance's log-mel frames as an image (time left to right, low mel bands at the bottom).
import { interpolateInferno, rgb } from 'd3';
import type { ItemFrames } from '../../src/workers/api';

export function spectrogramImage(f: ItemFrames): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, f.length);
  canvas.height = Math.max(1, f.inputSize);
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(canvas.width, canvas.height);
  // Display contrast only: the codes' own range maps to the full colour scale.
  let lo = 127;
  let hi = -128;
  for (let i = 0; i < f.length * f.inputSize; i++) {
    lo = Math.min(lo, f.frames[i]);
    hi = Math.max(hi, f.frames[i]);
  }
  const span = Math.max(1, hi - lo);
  const lut: [number, number, number][] = [];
  for (let v = 0; v < 256; v++) {
    const c = rgb(interpolateInferno(v / 255));
    lut.push([c.r, c.g, c.b]);
  }
  for (let t = 0; t < f.length; t++) {
    for (let b = 0; b < f.inputSize; b++) {
      const code = f.frames[t * f.inputSize + b];
      const c = lut[Math.round(((code - lo) / span) * 255)];
      const o = ((f.inputSize - 1 - b) * f.length + t) * 4;
      img.data[o] = c[0];
      img.data[o + 1] = c[1];
      img.data[o + 2] = c[2];
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

// Frame-to-frame changes as an image (time left to right, input 0 at the bottom): black where the
// code did not move, grey where it moved by at most Θ (not sent), bright where it moved more (sent).
import type { InputChanges } from '../../src/workers/api';

const SENT_LOW: [number, number, number] = [200, 120, 20];
const SENT_HIGH: [number, number, number] = [255, 230, 90];

export function changesImage(c: InputChanges): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, c.length);
  canvas.height = Math.max(1, c.inputSize);
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(canvas.width, canvas.height);
  let max = 1;
  for (const d of c.changes) max = Math.max(max, d);
  for (let t = 0; t < c.length; t++) {
    for (let i = 0; i < c.inputSize; i++) {
      const d = c.changes[t * c.inputSize + i];
      const o = ((c.inputSize - 1 - i) * c.length + t) * 4;
      let rgb: [number, number, number];
      if (d === 0) rgb = [11, 15, 20];
      else if (d <= c.theta) rgb = [70, 78, 90];
      else {
        const v = Math.min(1, (d - c.theta) / Math.max(1, max - c.theta));
        rgb = SENT_LOW.map((lo, k) => Math.round(lo + v * (SENT_HIGH[k] - lo))) as [number, number, number];
      }
      img.data[o] = rgb[0];
      img.data[o + 1] = rgb[1];
      img.data[o + 2] = rgb[2];
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

// One image per layer of every firing event of the sequence (columns = steps, rows = x then h neurons),
// built once per trace; the view then shows the columns up to the playhead.
import type { LayerTrace, SequenceTrace } from '../../src/engine/types';
import { type Palette, rgba } from './palette';
import { bit, heldBefore, sideOf } from './trace-access';

function paintSide(
  img: ImageData,
  layer: LayerTrace,
  kind: 'x' | 'h',
  row0: number,
  steps: number,
  p: Palette,
) {
  const side = sideOf(layer, kind);
  for (let t = 0; t < steps; t++) {
    for (let k = 0; k < side.size; k++) {
      if (!bit(side.fired, side.size, t, k)) continue;
      const up = side.value[t * side.size + k] >= heldBefore(side.hat, side.size, t, k);
      const c = up ? p.up : p.down;
      const o = ((row0 + k) * steps + t) * 4;
      img.data[o] = c[0];
      img.data[o + 1] = c[1];
      img.data[o + 2] = c[2];
      img.data[o + 3] = 255;
    }
  }
}

export function rasterImages(trace: SequenceTrace, p: Palette): HTMLCanvasElement[] {
  return trace.layers.map((layer) => {
    const rows = layer.inputSize + layer.hiddenSize;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, trace.steps);
    canvas.height = rows;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = rgba(p.silent, 1);
    ctx.fillRect(0, 0, canvas.width, rows);
    const img = ctx.getImageData(0, 0, canvas.width, rows);
    paintSide(img, layer, 'x', 0, trace.steps, p);
    paintSide(img, layer, 'h', layer.inputSize, trace.steps, p);
    ctx.putImageData(img, 0, 0);
    return canvas;
  });
}

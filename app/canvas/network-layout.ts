// Where each layer's cell grids and rasters sit in the network canvas, and which neuron a click hits.
import type { NeuronRef } from '../store/types';

export interface GridBlock {
  layer: number;
  kind: 'x' | 'h';
  n: number;
  x: number;
  y: number;
  cols: number;
  cell: number;
}

export interface RasterBlock {
  layer: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Label {
  text: string;
  x: number;
  y: number;
}

/** Cells and rasters live on two canvases, one above the other; each block is in its canvas's coordinates. */
export interface NetworkLayout {
  grids: GridBlock[];
  cellLabels: Label[];
  rasters: RasterBlock[];
  rasterLabels: Label[];
  font: number;
}

const GAP = 10;

/** Text width in px at `font` px (the canvas's measureText; this estimate where there is none). */
export type TextWidth = (text: string, font: number) => number;
const estimate: TextWidth = (text, font) => 0.62 * font * text.length;

/** The longest of `texts` (longest first) that fits in `room` px, else the last. */
function fitting(texts: string[], room: number, font: number, width: TextWidth): string {
  return texts.find((t) => width(t, font) <= room) ?? texts[texts.length - 1];
}

function grid(
  layer: number,
  kind: 'x' | 'h',
  n: number,
  x: number,
  y: number,
  w: number,
  h: number,
): GridBlock {
  // Enough columns that the cells are as large as the box allows.
  let best = { cols: 1, cell: 0 };
  for (let cols = 1; cols <= n; cols++) {
    const cell = Math.min(w / cols, h / Math.ceil(n / cols));
    if (cell > best.cell) best = { cols, cell };
  }
  return { layer, kind, n, x, y, cols: best.cols, cell: Math.floor(best.cell * 10) / 10 };
}

export function networkLayout(
  width: number,
  cellsH: number,
  rasterH: number,
  layers: { inputSize: number; hiddenSize: number }[],
  font: number,
  textWidth: TextWidth = estimate,
): NetworkLayout {
  const out: NetworkLayout = { grids: [], cellLabels: [], rasters: [], rasterLabels: [], font };
  const L = layers.length;
  if (L === 0 || width < 40 || cellsH < 30 || rasterH < 20) return out;
  const line = font + 4;
  const bandH = cellsH / L;
  const rasterBand = rasterH / L;
  layers.forEach((sizes, l) => {
    const y = l * bandH;
    const total = sizes.inputSize + sizes.hiddenSize;
    const share = Math.min(0.5, Math.max(0.18, sizes.inputSize / total));
    const usable = width - GAP;
    const wx = Math.floor(usable * share);
    const gh = bandH - line - 4;
    // A narrow input column drops the layer, then the count, so its heading never runs into Δh's.
    const heading = (kind: string, n: number, room: number) =>
      fitting([`L${l + 1} ${kind} (${n})`, `${kind} (${n})`, kind], room, font, textWidth);
    out.cellLabels.push({ text: heading('Δx', sizes.inputSize, wx + GAP / 2), x: 0, y: y + font });
    out.cellLabels.push({
      text: heading('Δh', sizes.hiddenSize, usable - wx),
      x: wx + GAP,
      y: y + font,
    });
    out.grids.push(grid(l, 'x', sizes.inputSize, 0, y + line, wx, gh));
    out.grids.push(grid(l, 'h', sizes.hiddenSize, wx + GAP, y + line, usable - wx, gh));
    const ry = l * rasterBand;
    out.rasterLabels.push({ text: `L${l + 1} raster: neurons (x, then h) × time`, x: 0, y: ry + font + 2 });
    out.rasters.push({ layer: l, x: 0, y: ry + line + 2, w: width, h: rasterBand - line - 6 });
  });
  return out;
}

export function hitNeuron(layout: NetworkLayout, x: number, y: number): NeuronRef | null {
  for (const g of layout.grids) {
    const col = Math.floor((x - g.x) / g.cell);
    const row = Math.floor((y - g.y) / g.cell);
    if (col < 0 || row < 0 || col >= g.cols) continue;
    const index = row * g.cols + col;
    if (index < g.n) return { layer: g.layer, kind: g.kind, index };
  }
  return null;
}

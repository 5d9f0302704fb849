// Paints the network view for one playhead position on two canvases: cells flash when their neuron transmits a delta,
// coloured by the delta's sign and brightened by its size; the rasters fill up to the playhead.
import type { SequenceTrace } from '../../src/engine/types';
import type { NeuronRef } from '../store/types';
import type { NetworkLayout } from './network-layout';
import { type Palette, shade } from './palette';
import { bit, heldBefore, sideOf } from './trace-access';

/** A delta of this size (real units) or more gets full brightness. */
const FULL_DELTA = 0.5;
/** Brightness levels a flash fades through within its step: the cells repaint only when one is reached. */
const FADE_LEVELS = 16;

/** The playhead as the cells show it: whole steps, plus the fade level when animating. */
export function cellsPosition(position: number, motion: boolean): number {
  return motion ? Math.floor(position * FADE_LEVELS) / FADE_LEVELS : Math.floor(position);
}

export interface NetworkFrame {
  trace: SequenceTrace | null;
  position: number;
  /** False: no fading inside a step (paused animation or reduced motion). */
  motion: boolean;
  neuron: NeuronRef | null;
}

/** The rasters up to step t, on their own canvas below the cells (repainted per step). */
export function drawRasters(
  ctx: CanvasRenderingContext2D,
  layout: NetworkLayout,
  trace: SequenceTrace | null,
  t: number,
  rasters: HTMLCanvasElement[],
  p: Palette,
) {
  const { canvas } = ctx;
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = p.text;
  ctx.font = `${layout.font}px system-ui, sans-serif`;
  for (const l of layout.rasterLabels) ctx.fillText(l.text, l.x, l.y);
  for (const r of layout.rasters) {
    ctx.strokeStyle = p.grid;
    ctx.lineWidth = 1;
    ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
    const img = rasters[r.layer];
    if (!trace || !img || t < 0) continue;
    const colW = r.w / trace.steps;
    // Crisp events when each neuron gets a pixel row or more; averaged when rows must be merged.
    ctx.imageSmoothingEnabled = img.height > r.h;
    ctx.drawImage(img, 0, 0, t + 1, img.height, r.x, r.y, colW * (t + 1), r.h);
    ctx.fillStyle = p.playhead;
    ctx.fillRect(r.x + colW * (t + 1) - 1, r.y, 2, r.h);
  }
}

/** The cells, on an opaque canvas of their own (repainted at each fade level of a flash). */
export function drawCells(ctx: CanvasRenderingContext2D, layout: NetworkLayout, f: NetworkFrame, p: Palette) {
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.fillStyle = p.text;
  ctx.font = `${layout.font}px system-ui, sans-serif`;
  for (const l of layout.cellLabels) ctx.fillText(l.text, l.x, l.y);
  const trace = f.trace;
  const t = trace ? Math.min(trace.steps - 1, Math.floor(f.position)) : -1;
  // A flash fades over its step while playing, so consecutive firings read as separate events.
  const shown = cellsPosition(f.position, f.motion);
  const flash = 1 - 0.6 * (shown - Math.floor(shown));
  for (const g of layout.grids) {
    const layer = trace?.layers[g.layer];
    const side = layer ? sideOf(layer, g.kind) : null;
    const size = Math.max(1, g.cell - (g.cell > 5 ? 1 : 0));
    for (let k = 0; k < g.n; k++) {
      const x = g.x + (k % g.cols) * g.cell;
      const y = g.y + Math.floor(k / g.cols) * g.cell;
      let color = shade(p, true, 0);
      if (side && t >= 0) {
        const value = side.value[t * side.size + k];
        const held = heldBefore(side.hat, side.size, t, k);
        if (bit(side.fired, side.size, t, k)) {
          const strength = 0.45 + 0.55 * Math.min(1, Math.abs(value - held) / FULL_DELTA);
          color = shade(p, value >= held, strength * flash);
        } else {
          // Silent cells keep a faint tint of the value they last sent.
          const hat = side.hat[t * side.size + k];
          color = shade(p, hat >= 0, Math.min(0.22, Math.abs(hat) * 0.2));
        }
      }
      ctx.fillStyle = color;
      ctx.fillRect(x, y, size, size);
    }
    if (f.neuron && f.neuron.layer === g.layer && f.neuron.kind === g.kind && f.neuron.index < g.n) {
      const k = f.neuron.index;
      ctx.strokeStyle = p.selected;
      ctx.lineWidth = 2;
      ctx.strokeRect(
        g.x + (k % g.cols) * g.cell - 1,
        g.y + Math.floor(k / g.cols) * g.cell - 1,
        size + 2,
        size + 2,
      );
    }
  }
}

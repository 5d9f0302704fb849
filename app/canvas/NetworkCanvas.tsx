// The network view: per layer, a cell per neuron flashing on each transmitted delta, and a raster below.
// Counts of firing events are written to data-* attributes and the accessible label as the sequence plays.
import { type MouseEvent, useCallback, useRef } from 'react';
import type { SequenceTrace } from '../../src/engine/types';
import { useLabStore } from '../store/lab-context';
import type { LabState } from '../store/types';
import { cellsPosition, drawCells, drawRasters } from './draw-network';
import { fitCanvas } from './fit-canvas';
import { hitNeuron, type NetworkLayout, networkLayout } from './network-layout';
import { CONTRAST, NORMAL } from './palette';
import { rasterImages } from './raster-image';
import { usePainter } from './use-painter';

const relevant = (s: LabState, prev: LabState) =>
  cellsPosition(s.position, s.motion) !== cellsPosition(prev.position, prev.motion) ||
  s.trace !== prev.trace ||
  s.neuron !== prev.neuron ||
  s.motion !== prev.motion ||
  s.presentation !== prev.presentation ||
  s.modelId !== prev.modelId;

export function NetworkCanvas() {
  const store = useLabStore();
  const ref = useRef<HTMLCanvasElement>(null);
  const cache = useRef({
    layout: null as NetworkLayout | null,
    layoutKey: '',
    trace: null as SequenceTrace | null,
    presentation: false,
    rasters: [] as HTMLCanvasElement[],
    backKey: '',
    backTrace: null as SequenceTrace | null,
    draws: 0,
    paintMs: 0,
  });
  const backRef = useRef<HTMLCanvasElement>(null);

  const paint = useCallback((ctx: CanvasRenderingContext2D, s: LabState, resized: boolean) => {
    const c = cache.current;
    const canvas = ctx.canvas;
    const dpr = window.devicePixelRatio || 1;
    const info = s.modelId ? s.models[s.modelId] : undefined;
    const back = backRef.current;
    const backResized = back ? fitCanvas(back) : false;
    const w = canvas.width / dpr;
    const h = canvas.height / dpr;
    const rh = back ? back.height / dpr : 0;
    const font = s.presentation ? 16 : 12;
    const key = `${w}x${h}x${rh}:${font}:${s.modelId}`;
    if (c.layoutKey !== key) {
      c.layout = networkLayout(w, h, rh, info?.layers ?? [], font, (text, px) => {
        ctx.font = `${px}px system-ui, sans-serif`;
        return ctx.measureText(text).width;
      });
      c.layoutKey = key;
    }
    const trace = s.trace?.trace ?? null;
    const palette = s.presentation ? CONTRAST : NORMAL;
    if (c.trace !== trace || c.presentation !== s.presentation) {
      c.rasters = trace ? rasterImages(trace, palette) : [];
      c.trace = trace;
      c.presentation = s.presentation;
    }
    const started = performance.now();
    const step = trace ? Math.min(trace.steps - 1, Math.floor(s.position)) : -1;
    const backKey = `${key}:${step}:${s.presentation}`;
    if (back && (backResized || resized || c.backKey !== backKey || c.backTrace !== trace)) {
      const bctx = back.getContext('2d', { alpha: false })!;
      bctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawRasters(bctx, c.layout!, trace, step, c.rasters, palette);
      c.backKey = backKey;
      c.backTrace = trace;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawCells(ctx, c.layout!, { trace, position: s.position, motion: s.motion, neuron: s.neuron }, palette);
    c.draws++;
    // Smoothed paint time, readable by performance checks from the outside.
    c.paintMs = c.paintMs * 0.9 + (performance.now() - started) * 0.1;
    const events = step >= 0 && trace ? trace.firedSoFar[step] : 0;
    const now = step >= 0 && trace ? trace.fired[step] : 0;
    canvas.dataset.step = String(step);
    canvas.dataset.events = String(events);
    canvas.dataset.firedNow = String(now);
    // Per layer, this step's fired inputs and hidden units (n_x/n_h), so a deeper network's layers can be told apart.
    canvas.dataset.firedLayers =
      step >= 0 && trace ? trace.layers.map((L) => `${L.nx[step]}/${L.nh[step]}`).join(',') : '';
    canvas.dataset.draws = String(c.draws);
    canvas.dataset.paintMs = c.paintMs.toFixed(2);
    canvas.setAttribute(
      'aria-label',
      trace
        ? `Network activity at step ${step + 1} of ${trace.steps}: ${now} neurons transmit now, ${events} firing events so far`
        : 'Network activity: no sequence loaded',
    );
  }, []);

  usePainter(ref, paint, relevant, true);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const layout = cache.current.layout;
    if (!layout) return;
    const r = e.currentTarget.getBoundingClientRect();
    const hit = hitNeuron(layout, e.clientX - r.left, e.clientY - r.top);
    if (hit) store.getState().selectNeuron(hit);
  };

  return (
    <div className="network-view">
      <canvas ref={ref} className="network-cells" role="img" data-testid="network-canvas" onClick={onClick} />
      <canvas ref={backRef} className="network-rasters" />
    </div>
  );
}

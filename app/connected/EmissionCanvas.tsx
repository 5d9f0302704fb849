// Per-frame emission probabilities (CTC outputs: ten digits and the blank) over the string, with the
// playhead, and each decoded digit written at the frame that emitted it once the playhead passed it.
import { scaleBand, scaleLinear } from 'd3';
import { useCallback, useRef } from 'react';
import type { SequenceTrace } from '../../src/engine/types';
import { CONTRAST, NORMAL } from '../canvas/palette';
import { usePainter } from '../canvas/use-painter';
import type { LabState } from '../store/types';
import { emissionImage } from './emission-image';

const relevant = (s: LabState, prev: LabState) =>
  Math.floor(s.position) !== Math.floor(prev.position) ||
  s.trace !== prev.trace ||
  s.presentation !== prev.presentation;

export function EmissionCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const cache = useRef({
    trace: null as SequenceTrace | null,
    presentation: false,
    image: null as HTMLCanvasElement | null,
  });

  const paint = useCallback((ctx: CanvasRenderingContext2D, s: LabState) => {
    const c = cache.current;
    const dpr = window.devicePixelRatio || 1;
    const w = ctx.canvas.width / dpr;
    const h = ctx.canvas.height / dpr;
    const p = s.presentation ? CONTRAST : NORMAL;
    const trace = s.trace?.trace ?? null;
    const tr = s.trace?.transcript;
    const info = s.modelId ? s.models[s.modelId] : undefined;
    const names = info?.task.kind === 'classification' ? info.task.classNames : [];
    const outputs = names.length;
    if (trace && (c.trace !== trace || c.presentation !== s.presentation)) {
      c.image = emissionImage(trace.probs, trace.steps, outputs, p);
      c.trace = trace;
      c.presentation = s.presentation;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, w, h);
    if (!trace || !tr || !c.image || outputs === 0) return;
    const font = s.presentation ? 14 : 11;
    const left = font * 3.2;
    const top = font * 1.6;
    const x = scaleLinear([0, trace.steps], [left, w - 2]);
    const y = scaleBand(
      names.map((_, k) => String(k)),
      [top, h - 2],
    );
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(c.image, left, top, w - 2 - left, h - 2 - top);
    ctx.font = `${font}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    ctx.fillStyle = p.text;
    const blank = tr.blank;
    names.forEach((n, k) => {
      ctx.fillText(k === blank ? 'blank' : n, left - 4, (y(String(k)) ?? 0) + y.bandwidth() / 2);
    });
    const step = Math.min(trace.steps - 1, Math.floor(s.position));
    // Digits emitted so far, above the frame that emitted them.
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    let lastX = Number.NEGATIVE_INFINITY;
    for (let t = 0; t <= step; t++) {
      const e = tr.emitted[t];
      if (e < 0) continue;
      const cx = x(t + 0.5);
      ctx.fillStyle = p.text;
      // Digits emitted closer together than a character are boxed but not overprinted.
      if (cx - lastX >= font * 0.8) {
        ctx.fillText(names[e] ?? String(e), cx, top - 3);
        lastX = cx;
      }
      ctx.strokeStyle = p.selected;
      ctx.lineWidth = 1;
      ctx.strokeRect(x(t), y(String(e)) ?? 0, Math.max(2, x(t + 1) - x(t)), y.bandwidth());
    }
    ctx.strokeStyle = p.playhead;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x(step + 0.5), top);
    ctx.lineTo(x(step + 0.5), h - 2);
    ctx.stroke();
    ctx.canvas.dataset.step = String(step);
  }, []);
  usePainter(ref, paint, relevant);
  return (
    <canvas
      ref={ref}
      className="emission-canvas"
      data-testid="emission-canvas"
      role="img"
      aria-label="Per-frame emission probabilities of the ten digits and the blank; brighter is more probable"
    />
  );
}

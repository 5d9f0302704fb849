// Repaints a canvas on animation frames when the store changes, without re-rendering React:
// the component subscribes to the store directly (zustand subscribe) and draws at most once a frame.
import { type RefObject, useEffect } from 'react';
import { useLabStore } from '../store/lab-context';
import type { LabState } from '../store/types';
import { fitCanvas } from './fit-canvas';

export type Paint = (ctx: CanvasRenderingContext2D, s: LabState, resized: boolean) => void;

/** `opaque` canvases skip alpha blending, which keeps large per-frame repaints cheap. */
export function usePainter(
  ref: RefObject<HTMLCanvasElement | null>,
  paint: Paint,
  relevant: (s: LabState, prev: LabState) => boolean,
  opaque = false,
) {
  const store = useLabStore();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d', { alpha: !opaque });
    if (!ctx) return;
    let frame = 0;
    let resized = true;
    const draw = () => {
      frame = 0;
      resized = fitCanvas(canvas) || resized;
      paint(ctx, store.getState(), resized);
      resized = false;
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (relevant(s, prev)) schedule();
    });
    const observer = new ResizeObserver(() => {
      resized = true;
      schedule();
    });
    observer.observe(canvas);
    schedule();
    return () => {
      unsubscribe();
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [ref, paint, relevant, store, opaque]);
}

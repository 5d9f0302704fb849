// The simulated camera: the clip's frame at the playhead (or the live road's latest frame) scaled up
// crisp, and the steering wheel beside it: the network's angle, with the simulator driver's as a tick.
import { useCallback, useRef } from 'react';
import { CONTRAST, NORMAL } from '../canvas/palette';
import { usePainter } from '../canvas/use-painter';
import type { LabState } from '../store/types';
import { drawFrame, drawWheel } from './draw-road';
import { drivingFrameChanged } from './repaint';

export function CameraCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const paint = useCallback((ctx: CanvasRenderingContext2D, s: LabState) => {
    const canvas = ctx.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.width / dpr;
    const h = canvas.height / dpr;
    const palette = s.presentation ? CONTRAST : NORMAL;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, w, h);
    const wheelW = Math.min(h, w * 0.26);
    const frameBox = { x: 0, y: 0, w: w - wheelW - 8, h };
    let pixels: Uint8Array | null = null;
    let predicted: number | null = null;
    let truth: number | null = null;
    let t = -1;
    let size = { width: 64, height: 32 };
    if (s.drive === 'live') {
      const last = s.roadLog.last;
      if (last) {
        pixels = last.frame;
        predicted = last.steering;
        t = last.t;
      }
    } else if (s.clip) {
      const c = s.clip;
      size = c;
      t = Math.min(c.length - 1, Math.floor(s.position));
      pixels = c.frames.subarray(t * c.width * c.height, (t + 1) * c.width * c.height);
      truth = c.steering[t];
      const tr = s.trace?.trace;
      predicted = tr && t < tr.steps ? tr.output[t] : null;
    }
    if (pixels) drawFrame(ctx, pixels, size.width, size.height, frameBox);
    const r = wheelW * 0.36;
    drawWheel(ctx, w - wheelW / 2, h / 2 - r * 0.15, r, predicted, truth, {
      rim: palette.text,
      predicted: `rgb(${palette.up.join(',')})`,
      truth: `rgb(${palette.down.join(',')})`,
      text: palette.text,
    });
    ctx.font = `${s.presentation ? 15 : 12}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillStyle = palette.text;
    const deg = (v: number | null) => (v === null ? '…' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}°`);
    ctx.fillText(`net ${deg(predicted)}`, w - wheelW / 2, h - (truth === null ? 2 : 18));
    if (truth !== null) ctx.fillText(`driver ${deg(truth)}`, w - wheelW / 2, h - 2);
    canvas.dataset.frame = String(t);
    canvas.dataset.steering = predicted === null ? '' : String(predicted);
    canvas.dataset.truth = truth === null ? '' : String(truth);
    canvas.setAttribute(
      'aria-label',
      pixels
        ? `Simulated camera frame ${t + 1}; network steers ${deg(predicted)}${truth === null ? '' : `, the simulator's driver ${deg(truth)}`}`
        : 'Simulated camera: no frame yet',
    );
  }, []);
  usePainter(ref, paint, drivingFrameChanged, true);
  return <canvas ref={ref} className="camera-canvas" role="img" data-testid="camera-canvas" />;
}

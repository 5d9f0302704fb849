// Steering over time: in a clip, the network's angle against the simulator driver's for the whole
// clip with the playhead, and the GRU's fired entries per frame below; on the live road, the last
// 30 s of steering, lane offset and firing.
import { useCallback, useRef } from 'react';
import { CONTRAST, NORMAL } from '../canvas/palette';
import { usePainter } from '../canvas/use-painter';
import type { LabState } from '../store/types';
import { drawTraces } from './draw-road';
import { drivingFrameChanged } from './repaint';
import { ROAD_WINDOW } from './road-log';

export function SteeringCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const paint = useCallback((ctx: CanvasRenderingContext2D, s: LabState) => {
    const canvas = ctx.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.width / dpr;
    const h = canvas.height / dpr;
    const p = s.presentation ? CONTRAST : NORMAL;
    const font = s.presentation ? 14 : 11;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, w, h);
    const style = { font, text: p.text, grid: p.grid, playheadColor: p.playhead };
    const up = `rgb(${p.up.join(',')})`;
    const down = `rgb(${p.down.join(',')})`;
    const fired = 'rgb(140,200,120)';
    const split = [0, h * 0.42, h * 0.72, h];
    const box = (i: number) => ({ x: 0, y: split[i], w, h: split[i + 1] - split[i] - 4 });
    if (s.drive === 'live') {
      const frames = s.roadLog.frames;
      const n = ROAD_WINDOW;
      drawTraces(
        ctx,
        box(0),
        n,
        [{ values: frames.map((f) => f.steering), color: up, label: 'network steering' }],
        {
          ...style,
          unit: '° (simulated)',
        },
      );
      drawTraces(
        ctx,
        box(1),
        n,
        [{ values: frames.map((f) => f.lateralError), color: down, label: 'lane offset' }],
        {
          ...style,
          unit: 'm',
        },
      );
      drawTraces(
        ctx,
        box(2),
        n,
        [{ values: frames.map((f) => f.nx + f.nh), color: fired, label: 'fired', bars: true }],
        {
          ...style,
          unit: 'entries / frame (last 30 s)',
        },
      );
      canvas.dataset.frames = String(frames.length);
      canvas.setAttribute(
        'aria-label',
        `Live road: last ${frames.length} frames of steering, lane offset and firing`,
      );
      return;
    }
    const clip = s.clip;
    const tr = s.trace?.trace;
    if (!clip || !tr) return;
    const steps = clip.length;
    const t = Math.min(steps - 1, Math.floor(s.position));
    const predicted = tr.output.subarray(0, tr.steps);
    drawTraces(
      ctx,
      { x: 0, y: 0, w, h: split[2] - 4 },
      steps,
      [
        { values: clip.steering, color: down, label: 'driver (true)' },
        { values: predicted, color: up, label: 'network' },
      ],
      { ...style, unit: '° steering (simulated)', playhead: t },
    );
    drawTraces(ctx, box(2), steps, [{ values: tr.fired, color: fired, label: 'fired', bars: true }], {
      ...style,
      unit: 'entries / frame',
      playhead: t,
    });
    canvas.dataset.step = String(t);
    canvas.setAttribute(
      'aria-label',
      `Steering over the simulated clip: network against the driver, and firing per frame; frame ${t + 1} of ${steps}`,
    );
  }, []);
  usePainter(ref, paint, drivingFrameChanged, true);
  return <canvas ref={ref} className="steering-canvas" role="img" data-testid="steering-canvas" />;
}

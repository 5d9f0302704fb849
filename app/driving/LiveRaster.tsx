// The live road's firing raster: one row per GRU input and hidden unit, one column per frame of the
// last 30 s, lit where the entry transmitted a delta. Quiet on straights, busy in bends.
import { useCallback, useRef } from 'react';
import { CONTRAST, NORMAL, rgba } from '../canvas/palette';
import { usePainter } from '../canvas/use-painter';
import type { LabState } from '../store/types';
import { ROAD_WINDOW } from './road-log';

const relevant = (s: LabState, p: LabState) =>
  s.roadVersion !== p.roadVersion || s.presentation !== p.presentation;

export function LiveRaster() {
  const ref = useRef<HTMLCanvasElement>(null);
  const image = useRef<HTMLCanvasElement | null>(null);
  const paint = useCallback((ctx: CanvasRenderingContext2D, s: LabState) => {
    const canvas = ctx.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.width / dpr;
    const h = canvas.height / dpr;
    const p = s.presentation ? CONTRAST : NORMAL;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, w, h);
    const frames = s.roadLog.frames;
    const rows = frames[0]?.fired.length ?? 0;
    const last = s.roadLog.last;
    canvas.dataset.frames = String(frames.length);
    canvas.dataset.firedNow = String(last ? last.nx + last.nh : 0);
    canvas.setAttribute(
      'aria-label',
      last
        ? `Live firing raster: frame ${last.t + 1}, ${last.nx + last.nh} of ${rows} entries transmit now`
        : 'Live firing raster: the road has not started',
    );
    if (rows === 0) return;
    const img = image.current ?? document.createElement('canvas');
    image.current = img;
    img.width = ROAD_WINDOW;
    img.height = rows;
    const ictx = img.getContext('2d')!;
    const data = ictx.createImageData(ROAD_WINDOW, rows);
    const [sr, sg, sb] = p.silent;
    for (let i = 0; i < data.data.length; i += 4) {
      data.data[i] = sr;
      data.data[i + 1] = sg;
      data.data[i + 2] = sb;
      data.data[i + 3] = 255;
    }
    const off = ROAD_WINDOW - frames.length;
    frames.forEach((f, c) => {
      for (let k = 0; k < rows; k++) {
        if (!f.fired[k]) continue;
        const o = (k * ROAD_WINDOW + off + c) * 4;
        data.data[o] = p.up[0];
        data.data[o + 1] = p.up[1];
        data.data[o + 2] = p.up[2];
      }
    });
    ictx.putImageData(data, 0, 0);
    ctx.imageSmoothingEnabled = false;
    const font = s.presentation ? 14 : 11;
    ctx.drawImage(img, 0, font + 6, w, h - font - 6);
    ctx.fillStyle = p.text;
    ctx.font = `${font}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    const inputs = rows - (s.modelId ? (s.models[s.modelId]?.layers[0]?.hiddenSize ?? 0) : 0);
    ctx.fillText(`rows: ${inputs} CNN features, then ${rows - inputs} GRU units · columns: last 30 s`, 2, 2);
    ctx.strokeStyle = rgba([255, 255, 255], 0.25);
    const yIn = font + 6 + ((h - font - 6) * inputs) / rows;
    ctx.beginPath();
    ctx.moveTo(0, yIn);
    ctx.lineTo(w, yIn);
    ctx.stroke();
  }, []);
  usePainter(ref, paint, relevant, true);
  return <canvas ref={ref} className="live-raster" role="img" data-testid="live-raster" />;
}

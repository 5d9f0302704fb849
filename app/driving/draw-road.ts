// Canvas drawing for the driving view: a grey camera frame scaled up crisp, a steering wheel, and
// time traces on D3 scales. Pure drawing of numbers the worker computed.
import { scaleLinear } from 'd3';

let frameCanvas: HTMLCanvasElement | null = null;
let frameImage: ImageData | null = null;

/** Draws a width x height grey frame into the box, scaled by whole pixels (nearest neighbour, crisp). */
export function drawFrame(
  ctx: CanvasRenderingContext2D,
  pixels: Uint8Array,
  width: number,
  height: number,
  box: { x: number; y: number; w: number; h: number },
): { x: number; y: number; w: number; h: number } {
  if (!frameCanvas || frameCanvas.width !== width || frameCanvas.height !== height) {
    frameCanvas = document.createElement('canvas');
    frameCanvas.width = width;
    frameCanvas.height = height;
    frameImage = new ImageData(width, height);
  }
  const data = frameImage!.data;
  for (let i = 0; i < width * height; i++) {
    const v = pixels[i];
    data[4 * i] = v;
    data[4 * i + 1] = v;
    data[4 * i + 2] = v;
    data[4 * i + 3] = 255;
  }
  frameCanvas.getContext('2d')!.putImageData(frameImage!, 0, 0);
  const dpr = ctx.getTransform().a || 1;
  // Whole device pixels per frame pixel where the box allows it, so no pixel is blurred or uneven.
  const fit = Math.min((box.w * dpr) / width, (box.h * dpr) / height);
  const scale = (fit >= 1 ? Math.floor(fit) : fit) / dpr;
  const w = width * scale;
  const h = height * scale;
  const x = box.x + (box.w - w) / 2;
  const y = box.y + (box.h - h) / 2;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(frameCanvas, x, y, w, h);
  return { x, y, w, h };
}

export interface WheelColors {
  rim: string;
  predicted: string;
  truth: string;
  text: string;
}

/**
 * A steering wheel turned by the predicted angle (positive = left = anticlockwise), with a tick at the
 * true angle when there is one. Angles are steering-wheel degrees.
 */
export function drawWheel(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  r: number,
  predicted: number | null,
  truth: number | null,
  c: WheelColors,
): void {
  ctx.save();
  ctx.lineWidth = Math.max(2, r * 0.12);
  ctx.strokeStyle = c.rim;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
  ctx.stroke();
  const rad = (deg: number) => (-deg * Math.PI) / 180;
  if (predicted !== null) {
    ctx.save();
    ctx.translate(cx, cy);
    ctx.rotate(rad(predicted));
    ctx.strokeStyle = c.predicted;
    ctx.beginPath();
    ctx.moveTo(-r, 0);
    ctx.lineTo(r, 0);
    ctx.moveTo(0, 0);
    ctx.lineTo(0, r);
    ctx.stroke();
    ctx.fillStyle = c.predicted;
    ctx.beginPath();
    ctx.arc(0, -r, r * 0.14, 0, 2 * Math.PI);
    ctx.fill();
    ctx.restore();
  }
  if (truth !== null) {
    ctx.save();
    ctx.translate(cx, cy);
    ctx.rotate(rad(truth));
    ctx.strokeStyle = c.truth;
    ctx.lineWidth = Math.max(2, r * 0.1);
    ctx.beginPath();
    ctx.moveTo(0, -r * 1.28);
    ctx.lineTo(0, -r * 0.82);
    ctx.stroke();
    ctx.restore();
  }
  ctx.restore();
}

export interface Series {
  values: ArrayLike<number>;
  color: string;
  label: string;
  /** Bars from zero instead of a line. */
  bars?: boolean;
}

export interface TraceBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A panel of series over steps [0, steps) with a y axis from D3 ticks and an optional playhead. */
export function drawTraces(
  ctx: CanvasRenderingContext2D,
  box: TraceBox,
  steps: number,
  series: Series[],
  opts: {
    domain?: [number, number];
    playhead?: number;
    unit: string;
    font: number;
    text: string;
    grid: string;
    playheadColor: string;
  },
): void {
  let lo = opts.domain?.[0] ?? 0;
  let hi = opts.domain?.[1] ?? 0;
  if (!opts.domain) {
    for (const s of series)
      for (let i = 0; i < s.values.length; i++) {
        lo = Math.min(lo, s.values[i]);
        hi = Math.max(hi, s.values[i]);
      }
    if (hi - lo < 1e-9) hi = lo + 1;
  }
  const left = box.x + opts.font * 3.2;
  const x = scaleLinear()
    .domain([0, Math.max(1, steps - 1)])
    .range([left, box.x + box.w - 4]);
  const y = scaleLinear()
    .domain([lo, hi])
    .nice(4)
    .range([box.y + box.h - 2, box.y + opts.font + 4]);
  ctx.save();
  ctx.font = `${opts.font}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (const v of y.ticks(4)) {
    const py = Math.round(y(v)) + 0.5;
    ctx.strokeStyle = opts.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(left, py);
    ctx.lineTo(box.x + box.w, py);
    ctx.stroke();
    ctx.fillStyle = opts.text;
    ctx.fillText(y.tickFormat(4)(v), left - 4, py);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  let lx = left + 4;
  for (const s of series) {
    ctx.fillStyle = s.color;
    ctx.fillText(s.label, lx, box.y);
    lx += ctx.measureText(s.label).width + opts.font;
  }
  ctx.fillStyle = opts.text;
  ctx.fillText(opts.unit, lx, box.y);
  const y0 = y(Math.max(lo, Math.min(hi, 0)));
  for (const s of series) {
    const n = Math.min(steps, s.values.length);
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    if (s.bars) {
      const bw = Math.max(1, (x(1) - x(0)) * 0.9);
      for (let t = 0; t < n; t++) {
        const py = y(s.values[t]);
        ctx.fillRect(x(t) - bw / 2, Math.min(py, y0), bw, Math.abs(y0 - py));
      }
      continue;
    }
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let t = 0; t < n; t++) {
      if (t === 0) ctx.moveTo(x(t), y(s.values[t]));
      else ctx.lineTo(x(t), y(s.values[t]));
    }
    ctx.stroke();
  }
  if (opts.playhead !== undefined) {
    const px = Math.round(x(opts.playhead)) + 0.5;
    ctx.strokeStyle = opts.playheadColor;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(px, box.y + opts.font + 2);
    ctx.lineTo(px, box.y + box.h);
    ctx.stroke();
  }
  ctx.restore();
}

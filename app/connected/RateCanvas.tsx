// Operations per second over the last seconds of listening: the delta network's rate (falls to its
// overhead in silence) against the dense network's constant one on the same audio, on a log scale;
// the digits the delta network emitted at the frames that emitted them; below, each layer's firing.
import { scaleLinear, scaleLog } from 'd3';
import { useCallback, useRef } from 'react';
import { CONTRAST, NORMAL, rgba } from '../canvas/palette';
import { spectrogramImage } from '../canvas/spectrogram-image';
import { usePainter } from '../canvas/use-painter';
import { formatCount } from '../format/numbers';
import type { LabState } from '../store/types';
import { LISTEN_WINDOW_S } from './listen-log';

const relevant = (s: LabState, prev: LabState) =>
  s.listenVersion !== prev.listenVersion ||
  s.listenLog !== prev.listenLog ||
  s.presentation !== prev.presentation;

export function RateCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const paint = useCallback((ctx: CanvasRenderingContext2D, s: LabState) => {
    const dpr = window.devicePixelRatio || 1;
    const w = ctx.canvas.width / dpr;
    const h = ctx.canvas.height / dpr;
    const p = s.presentation ? CONTRAST : NORMAL;
    const log = s.listenLog;
    const info = s.modelId ? s.models[s.modelId] : undefined;
    const names = info?.task.kind === 'classification' ? info.task.classNames : [];
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, w, h);
    const font = s.presentation ? 15 : 11;
    ctx.font = `${font}px system-ui, sans-serif`;
    const layers = info?.layers ?? [];
    const stripH = Math.max(10, Math.round(h * 0.07));
    const specH = Math.max(16, Math.round(h * 0.12));
    const M = {
      left: font * 5.6,
      right: 8,
      top: font * 2.4,
      bottom: font * 2 + specH + 3 + layers.length * (stripH + 3),
    };
    const plotB = h - M.bottom;
    const n = log.capacity;
    // The newest frame sits at the right edge; time runs leftwards into the past.
    const x = scaleLinear([log.heard - n, log.heard], [M.left, w - M.right]);
    const hi = Math.max(10, ...log.denseRate) * 2;
    const y = scaleLog([Math.max(1, hi / 1e4), hi], [plotB, M.top]).clamp(true);
    ctx.strokeStyle = p.grid;
    ctx.fillStyle = p.text;
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of y.ticks(4).filter((v) => Number.isInteger(Math.log10(v)))) {
      ctx.beginPath();
      ctx.moveTo(M.left, y(v));
      ctx.lineTo(w - M.right, y(v));
      ctx.stroke();
      ctx.fillText(formatCount(v), M.left - 4, y(v));
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let sec = 0; sec <= LISTEN_WINDOW_S; sec += 2) {
      ctx.textAlign = sec === 0 ? 'right' : 'center';
      ctx.fillText(sec === 0 ? 'now' : `−${sec} s`, x(log.heard - sec * log.framesPerSecond), plotB + 3);
    }
    ctx.save();
    ctx.translate(font * 0.9, (M.top + plotB) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText('operations per second (log)', 0, -font * 0.2);
    ctx.restore();
    const series = (values: number[], color: string, width: number) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.beginPath();
      values.forEach((v, k) => {
        const px = x(log.first + k);
        const py = y(Math.max(1, v));
        if (k === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.stroke();
    };
    series(log.denseRate, rgba(p.down, 0.9), 2);
    series(log.deltaRate, rgba(p.up, 1), 2);
    // Digits above the frame that emitted them.
    ctx.fillStyle = p.text;
    ctx.textBaseline = 'alphabetic';
    // A digit too close to the one before it (a burst of emissions) is left unwritten, not overprinted.
    let lastX = Number.NEGATIVE_INFINITY;
    for (const d of log.deltaDigits) {
      if (d.frame < log.first || x(d.frame) - lastX < font) continue;
      lastX = x(d.frame);
      ctx.fillText(names[d.label] ?? String(d.label), lastX, M.top - 4);
    }
    // What was heard: the input frames of the window, as the input panel draws a spectrogram.
    const specTop = h - layers.length * (stripH + 3) - specH - 3;
    ctx.fillStyle = p.text;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText('input', M.left - 4, specTop + specH / 2);
    const I = log.codes[0]?.length ?? 0;
    if (I > 0) {
      const frames = new Int8Array(log.codes.length * I);
      log.codes.forEach((c, k) => {
        frames.set(c, k * I);
      });
      const img = spectrogramImage({ frames, length: log.codes.length, inputSize: I, fracBits: 0 });
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(img, x(log.first), specTop, x(log.heard) - x(log.first), specH);
    }
    // Firing per layer: brighter where more of the layer's inputs and hidden units sent a change.
    layers.forEach((L, l) => {
      const top = h - (layers.length - l) * (stripH + 3);
      ctx.fillStyle = p.text;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(`L${l + 1}`, M.left - 4, top + stripH / 2);
      const size = L.inputSize + L.hiddenSize;
      const cw = Math.max(1, (w - M.right - M.left) / n);
      log.fired.forEach((f, k) => {
        if (f[l] === 0) return;
        ctx.fillStyle = rgba(p.up, Math.min(1, 0.15 + (2 * f[l]) / size));
        ctx.fillRect(x(log.first + k), top, cw, stripH);
      });
    });
    // Legend.
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillStyle = rgba(p.up, 1);
    ctx.fillText('— delta', M.left + 4, 2);
    ctx.fillStyle = rgba(p.down, 1);
    ctx.fillText('— dense (same audio)', M.left + font * 5, 2);
  }, []);
  usePainter(ref, paint, relevant);
  return (
    <canvas
      ref={ref}
      className="rate-canvas"
      data-testid="rate-canvas"
      role="img"
      aria-label="Operations per second of the delta and the dense network over the last ten seconds, and each layer's firing"
    />
  );
}

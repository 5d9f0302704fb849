// The input view: log-mel spectrogram of the current utterance with a moving playhead. The image sits on
// a layer repainted only when the utterance or size changes; the playhead has a layer of its own.
import { useCallback, useRef } from 'react';
import type { ItemFrames } from '../../src/workers/api';
import type { LabState } from '../store/types';
import { fitCanvas } from './fit-canvas';
import { CONTRAST, NORMAL } from './palette';
import { spectrogramImage } from './spectrogram-image';
import { usePainter } from './use-painter';

const relevant = (s: LabState, prev: LabState) =>
  s.position !== prev.position || s.frames !== prev.frames || s.presentation !== prev.presentation;

export function SpectrogramCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const backRef = useRef<HTMLCanvasElement>(null);
  const cache = useRef({
    frames: null as ItemFrames | null,
    image: null as HTMLCanvasElement | null,
    drawn: null as HTMLCanvasElement | null,
    presentation: false,
  });

  const paint = useCallback((ctx: CanvasRenderingContext2D, s: LabState, resized: boolean) => {
    const c = cache.current;
    if (c.frames !== s.frames) {
      c.image = s.frames ? spectrogramImage(s.frames) : null;
      c.frames = s.frames;
    }
    const p = s.presentation ? CONTRAST : NORMAL;
    const back = backRef.current;
    if (back && (fitCanvas(back) || resized || c.drawn !== c.image || c.presentation !== s.presentation)) {
      const bctx = back.getContext('2d')!;
      bctx.fillStyle = p.background;
      bctx.fillRect(0, 0, back.width, back.height);
      if (c.image) {
        bctx.imageSmoothingEnabled = false;
        bctx.drawImage(c.image, 0, 0, back.width, back.height);
      }
      c.drawn = c.image;
      c.presentation = s.presentation;
    }
    const { width, height } = ctx.canvas;
    ctx.clearRect(0, 0, width, height);
    if (!s.frames) return;
    const col = width / s.frames.length;
    const step = Math.min(s.frames.length - 1, Math.floor(s.position));
    ctx.fillStyle = 'rgba(255,255,255,0.18)';
    ctx.fillRect(step * col, 0, col, height);
    ctx.fillStyle = p.playhead;
    ctx.fillRect(Math.round((s.position + 0.5) * col) - 1, 0, 2, height);
    ctx.canvas.dataset.step = String(step);
  }, []);

  usePainter(ref, paint, relevant);
  return (
    <div className="layered">
      <canvas ref={backRef} className="layer" />
      <canvas
        ref={ref}
        className="layer"
        role="img"
        aria-label="Log-mel spectrogram of the utterance: time left to right, low frequencies at the bottom"
        data-testid="spectrogram-canvas"
      />
    </div>
  );
}

// Step 3: the input next to its frame-to-frame changes. Speech changes slowly between 10 ms frames, so
// most differences are near zero: those inputs send nothing.
import { useRef } from 'react';
import { SpectrogramCanvas } from '../canvas/SpectrogramCanvas';
import { bit } from '../canvas/trace-access';
import { usePainter } from '../canvas/use-painter';
import { formatPercent } from '../format/numbers';
import { inputWord } from '../format/task-labels';
import { useLab } from '../store/lab-context';
import type { LabState } from '../store/types';
import { ExplainFigure } from './Figure';

/** |x_t − x_{t−1}| of layer 1's inputs as a heat map (time across, inputs up), fired cells outlined. */
function paintDiff(ctx: CanvasRenderingContext2D, s: LabState) {
  const canvas = ctx.canvas;
  const trace = s.trace?.trace;
  ctx.fillStyle = '#0b0f14';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (!trace) return;
  const L = trace.layers[0];
  const I = L.inputSize;
  const cw = canvas.width / trace.steps;
  const ch = canvas.height / I;
  for (let t = 0; t < trace.steps; t++)
    for (let i = 0; i < I; i++) {
      const d = Math.abs(L.x[t * I + i] - (t === 0 ? 0 : L.x[(t - 1) * I + i]));
      const v = Math.min(1, d / 1.5);
      ctx.fillStyle = `rgb(${Math.round(20 + 235 * v)},${Math.round(24 + 150 * v)},${Math.round(32 + 8 * v)})`;
      ctx.fillRect(t * cw, canvas.height - (i + 1) * ch, Math.ceil(cw), Math.ceil(ch));
      if (bit(L.firedX, I, t, i) && cw > 3 && ch > 3) {
        ctx.strokeStyle = '#3caaff';
        ctx.strokeRect(t * cw + 0.5, canvas.height - (i + 1) * ch + 0.5, cw - 1, ch - 1);
      }
    }
}

export function DiffFigure() {
  const figures = useLab((s) => s.trace?.figures);
  const featureKind = useLab((s) => (s.modelId ? s.models[s.modelId]?.featureKind : undefined));
  const ref = useRef<HTMLCanvasElement>(null);
  usePainter(ref, paintDiff, (a, b) => a.trace !== b.trace, true);
  const caption = figures
    ? `Left: the ${inputWord(featureKind)} of this sample. Right: how much each input changed since the frame before (bright = large), outlined where the change exceeded Θx and was sent. Layer 1 sent ${formatPercent(figures.occupancy[0])} of its possible updates.`
    : 'Waiting for the engine’s trace…';
  return (
    <ExplainFigure caption={caption}>
      <div className="explain-pair">
        <div className="explain-pane">
          <h3>{inputWord(featureKind)}</h3>
          <SpectrogramCanvas />
        </div>
        <div className="explain-pane">
          <h3>frame-to-frame change |x_t − x_t−1|</h3>
          <canvas ref={ref} className="fill-canvas" data-testid="diff-canvas" />
        </div>
      </div>
    </ExplainFigure>
  );
}

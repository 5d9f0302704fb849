// Step 3: the input next to its frame-to-frame changes. Speech changes slowly between 10 ms frames, so
// most differences are near zero: those inputs send nothing. Below, a driving clip's CNN features and
// their changes make the same point for video (counted by the engine: changes-sync.ts).
import { useMemo, useRef } from 'react';
import { SpectrogramCanvas } from '../canvas/SpectrogramCanvas';
import { spectrogramImage } from '../canvas/spectrogram-image';
import { bit } from '../canvas/trace-access';
import { usePainter } from '../canvas/use-painter';
import { formatPercent } from '../format/numbers';
import { inputWord } from '../format/task-labels';
import { useLab } from '../store/lab-context';
import type { LabState } from '../store/types';
import { changesImage } from './changes-image';
import { DRIVING_WINDOW } from './changes-sync';
import { ExplainFigure } from './Figure';
import { ImageCanvas } from './ImageCanvas';

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

function drivingCaption(s: LabState): string {
  const c = s.drivingChanges;
  if (!c) return 'The driving clip is loading…';
  const seconds = (DRIVING_WINDOW.to - DRIVING_WINDOW.from) / 20;
  return `Below: ${seconds} s of simulated driving test clip ${DRIVING_WINDOW.itemIndex + 1}, the ${c.inputSize} features the CNN computes from each camera frame (left) and how much each changed since the frame before (right: black = no change, grey = at most Θx, orange = sent). ${formatPercent(c.unchangedShare)} of its changes are exactly zero and ${formatPercent(c.withinShare)} are at most Θx = ${c.theta} LSB, so only ${formatPercent(1 - c.withinShare)} would be sent.`;
}

function sampleCaption(s: LabState): string {
  const figures = s.trace?.figures;
  const featureKind = s.modelId ? s.models[s.modelId]?.featureKind : undefined;
  if (!figures) return 'Waiting for the engine’s trace…';
  const c = s.sampleChanges;
  const counted = c
    ? ` Between frames, ${formatPercent(c.unchangedShare)} of the changes are exactly zero and ${formatPercent(c.withinShare)} are at most Θx = ${c.theta} LSB.`
    : '';
  return `Top: the ${inputWord(featureKind)} of this sample (left) and how much each input changed since the frame before (right, bright = large), outlined where the change exceeded Θx and was sent. Layer 1 sent ${formatPercent(figures.occupancy[0])} of its possible updates.${counted}`;
}

export function DiffFigure() {
  const featureKind = useLab((s) => (s.modelId ? s.models[s.modelId]?.featureKind : undefined));
  const caption = useLab((s) => `${sampleCaption(s)} ${drivingCaption(s)}`);
  const driving = useLab((s) => s.drivingChanges);
  const features = useMemo(() => (driving ? spectrogramImage(driving) : null), [driving]);
  const changes = useMemo(() => (driving ? changesImage(driving) : null), [driving]);
  const ref = useRef<HTMLCanvasElement>(null);
  usePainter(ref, paintDiff, (a, b) => a.trace !== b.trace, true);
  return (
    <ExplainFigure caption={caption}>
      <div className="explain-pairs">
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
        <div
          className="explain-pair"
          data-testid="driving-changes"
          data-within={driving ? driving.withinShare.toFixed(4) : undefined}
          data-unchanged={driving ? driving.unchangedShare.toFixed(4) : undefined}
        >
          <div className="explain-pane">
            <h3>driving clip: CNN features per camera frame</h3>
            <ImageCanvas image={features} testId="driving-features-canvas" />
          </div>
          <div className="explain-pane">
            <h3>their frame-to-frame change</h3>
            <ImageCanvas image={changes} testId="driving-diff-canvas" />
          </div>
        </div>
      </div>
    </ExplainFigure>
  );
}

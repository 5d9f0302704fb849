// Class probabilities over time (from the engine's per-step softmax), the predicted and true class highlighted.
import { line, scaleLinear } from 'd3';
import { Axis } from './Axis';

interface Props {
  /** T x C, step-major. */
  probs: Float32Array;
  steps: number;
  classes: string[];
  predicted: number;
  label: number;
  step: number;
  width: number;
  height: number;
}

const M = { top: 6, right: 36, bottom: 20, left: 34 };

export function ProbabilityChart({ probs, steps, classes, predicted, label, step, width, height }: Props) {
  if (width < 80 || height < 40 || steps === 0) return null;
  const C = classes.length;
  const x = scaleLinear([0, Math.max(1, steps - 1)], [M.left, width - M.right]);
  const y = scaleLinear([0, 1], [height - M.bottom, M.top]);
  const now = Math.min(steps - 1, step);
  const order = classes
    .map((_, c) => c)
    .sort((a, b) => Number(a === predicted || a === label) - Number(b === predicted || b === label));
  // End labels of the predicted and true class; the second moves down when they would overlap.
  const names = [predicted, label]
    .filter((c, i, a) => c >= 0 && a.indexOf(c) === i)
    .map((c) => ({
      c,
      cls: c === predicted ? 'prob-name predicted' : 'prob-name label',
      y: y(probs[(steps - 1) * C + c]),
    }));
  if (names.length === 2 && Math.abs(names[0].y - names[1].y) < 11)
    names[1].y = names[0].y + (names[1].y >= names[0].y ? 11 : -11);
  return (
    <svg
      width={width}
      height={height}
      className="chart prob-chart"
      role="img"
      aria-label="Class probabilities over time"
    >
      {order.map((c) => {
        const d = line<number>()
          .x((t) => x(t))
          .y((t) => y(probs[t * C + c]))(Array.from({ length: steps }, (_, t) => t));
        const cls = c === predicted ? 'prob predicted' : c === label ? 'prob label' : 'prob';
        return <path key={c} className={cls} d={d ?? ''} />;
      })}
      {names.map((n) => (
        <text key={n.c} className={n.cls} x={width - M.right + 4} y={n.y} dy="0.32em">
          {classes[n.c]}
        </text>
      ))}
      <line className="playhead" x1={x(now)} x2={x(now)} y1={M.top} y2={height - M.bottom} />
      <Axis scale={y} orient="left" at={M.left} ticks={2} format={(v) => v.toFixed(1)} />
      <Axis scale={x} orient="bottom" at={height - M.bottom} ticks={5} format={(v) => String(v)} />
    </svg>
  );
}

// One neuron up close: its value (dots), the value it last transmitted x̂ (step line), the ±Θ band around
// x̂ inside which changes are not sent, and a mark at every step it fired.
import { area, line, scaleLinear } from 'd3';
import type { NeuronSeries } from '../canvas/trace-access';
import { Axis } from './Axis';

interface Props {
  series: NeuronSeries;
  /** Θ of this neuron's side, in real units. */
  theta: number;
  step: number;
  width: number;
  height: number;
}

const M = { top: 14, right: 8, bottom: 22, left: 40 };

/** Each step's held value spans the half step either side, so a dot sits inside the band it is tested against. */
function stepped(values: number[]): [number, number][] {
  return values.flatMap((v, t) => [
    [t - 0.5, v],
    [t + 0.5, v],
  ]);
}

export function NeuronChart({ series, theta, step, width, height }: Props) {
  if (width < 60 || height < 50) return null;
  const n = series.value.length;
  let lo = 0;
  let hi = 0;
  series.value.forEach((v, t) => {
    lo = Math.min(lo, v, series.held[t] - theta);
    hi = Math.max(hi, v, series.held[t] + theta);
  });
  const x = scaleLinear([-0.5, n - 0.5], [M.left, width - M.right]);
  const y = scaleLinear([lo, hi], [height - M.bottom, M.top]).nice();
  const held = stepped(series.held);
  const steps = series.value.map((v, t) => ({ t, v, fired: series.fired[t] }));
  const band = area<[number, number]>()
    .x((d) => x(d[0]))
    .y0((d) => y(d[1] - theta))
    .y1((d) => y(d[1] + theta))(held);
  const heldLine = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))(held);
  const valueLine = line<number>()
    .x((_, t) => x(t))
    .y((v) => y(v))(series.value);
  return (
    <svg
      width={width}
      height={height}
      className="chart neuron-chart"
      role="img"
      aria-label="Neuron value over time"
    >
      <path className="theta-band" d={band ?? ''} />
      <path className="value-line" d={valueLine ?? ''} />
      <path className="held-line" d={heldLine ?? ''} />
      {steps.map(({ t, v, fired }) => (
        <circle key={t} className={fired ? 'dot fired' : 'dot'} cx={x(t)} cy={y(v)} r={fired ? 2.6 : 1.6} />
      ))}
      {steps
        .filter((p) => p.fired)
        .map(({ t }) => (
          <line key={t} className="fire-mark" x1={x(t)} x2={x(t)} y1={M.top - 10} y2={M.top - 3} />
        ))}
      <line className="playhead" x1={x(step)} x2={x(step)} y1={M.top} y2={height - M.bottom} />
      <Axis scale={y} orient="left" at={M.left} ticks={4} />
      <Axis scale={x} orient="bottom" at={height - M.bottom} ticks={6} format={(v) => String(v)} />
    </svg>
  );
}

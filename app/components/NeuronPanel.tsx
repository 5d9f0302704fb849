// One neuron up close (chosen by clicking a cell, or with these fields from the keyboard).
import { useRef } from 'react';
import { neuronSeries } from '../canvas/trace-access';
import { NeuronChart } from '../charts/NeuronChart';
import { useSize } from '../charts/use-size';
import { lsbValue } from '../format/units';
import { useLab } from '../store/lab-context';
import { selectModelInfo, selectStep } from '../store/selectors';
import type { NeuronRef } from '../store/types';

const FALLBACK: NeuronRef = { layer: 0, kind: 'x', index: 0 };

export function NeuronPanel() {
  const chosen = useLab((s) => s.neuron);
  const result = useLab((s) => s.trace);
  const thresholds = useLab((s) => s.thresholds);
  const info = useLab(selectModelInfo);
  const step = useLab(selectStep);
  const select = useLab((s) => s.selectNeuron);
  const box = useRef<HTMLDivElement>(null);
  const size = useSize(box);
  const neuron = chosen ?? FALLBACK;
  const layer = info?.layers[neuron.layer];
  const count = layer ? (neuron.kind === 'x' ? layer.inputSize : layer.hiddenSize) : 1;
  const series = result?.trace ? neuronSeries(result.trace, neuron) : null;
  const lsb = thresholds ? (neuron.kind === 'x' ? thresholds.thetaX : thresholds.thetaH)[neuron.layer] : 0;
  const theta = info ? lsbValue(lsb, info.fixedPoint.activation.fracBits) : 0;
  const fires = series ? series.fired.filter(Boolean).length : 0;
  return (
    <div className="neuron-panel">
      <div className="neuron-fields">
        <label>
          Layer
          <select
            value={neuron.layer}
            onChange={(e) => select({ ...neuron, layer: Number(e.target.value), index: 0 })}
          >
            {info?.layers.map((_, l) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: layers are identified by position
              <option key={l} value={l}>
                {l + 1}
              </option>
            ))}
          </select>
        </label>
        <label>
          Side
          <select
            value={neuron.kind}
            onChange={(e) => select({ ...neuron, kind: e.target.value === 'h' ? 'h' : 'x', index: 0 })}
          >
            <option value="x">input x</option>
            <option value="h">hidden h</option>
          </select>
        </label>
        <label>
          #
          <input
            type="number"
            min={0}
            max={count - 1}
            value={neuron.index}
            onChange={(e) => {
              const index = Number(e.target.value);
              if (Number.isInteger(index) && index >= 0 && index < count) select({ ...neuron, index });
            }}
          />
        </label>
        <span className="muted" data-testid="neuron-fires">
          {chosen ? '' : 'click a cell · '}
          {fires} fires, Θ = {theta}
        </span>
      </div>
      <div className="legend-line" aria-hidden="true">
        <span className="key value">value</span>
        <span className="key held">x̂ (last sent)</span>
        <span className="key band">±Θ: not sent</span>
        <span className="key fire">fired</span>
      </div>
      <div className="chart-box" ref={box}>
        {series && (
          <NeuronChart series={series} theta={theta} step={step} width={size.width} height={size.height} />
        )}
      </div>
    </div>
  );
}

// Step 1: one neuron, its last sent value x̂, the ±Θ band and its events, with the Θ sliders beside it.
import { neuronSeries } from '../canvas/trace-access';
import { NeuronPanel } from '../components/NeuronPanel';
import { ThresholdControls } from '../components/ThresholdControls';
import { useLab } from '../store/lab-context';
import { ExplainFigure } from './Figure';

export function NeuronFigure() {
  const trace = useLab((s) => s.trace?.trace);
  const neuron = useLab((s) => s.neuron) ?? { layer: 0, kind: 'x' as const, index: 0 };
  const series = trace ? neuronSeries(trace, neuron) : null;
  const fires = series ? series.fired.filter(Boolean).length : 0;
  const caption = series
    ? `Neuron ${neuron.kind}${neuron.index} of layer ${neuron.layer + 1}: it sent ${fires} of ${series.value.length} steps; between events its value stays inside the band around the value it last sent.`
    : 'Waiting for the engine’s trace…';
  return (
    <ExplainFigure caption={caption}>
      <div className="explain-split">
        <div className="explain-controls">
          <ThresholdControls />
        </div>
        <div className="explain-neuron">
          <NeuronPanel />
        </div>
      </div>
    </ExplainFigure>
  );
}

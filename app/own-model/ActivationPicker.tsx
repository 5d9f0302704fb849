// The activation format of a dropped ONNX model: auto (calibrated on its data) or a chosen Qm.f, with
// what was chosen and what saturated. Shown only for a model that has a choice (a .dlm keeps its own).
import type { ActivationChoice } from '../../src/workers/api';
import { useLab } from '../store/lab-context';
import { FORMAT_CHOICES, howText, qText, saturationText } from './quantization-text';
import './own-model.css';

function parseChoice(value: string): ActivationChoice {
  const q = FORMAT_CHOICES.find((f) => qText(f) === value);
  return q ?? 'auto';
}

export function ActivationPicker() {
  const q = useLab((s) => (s.modelId ? s.models[s.modelId]?.quantization : undefined));
  const pack = useLab((s) => (s.packId ? s.packs[s.packId] : undefined));
  const busy = useLab((s) => s.quantizeStatus === 'loading');
  const setActivation = useLab((s) => s.setActivation);
  if (!q) return null;
  // Samples stored as codes (a .dlp) fix the format; real values (NumPy/CSV) can be quantized again.
  const fixed = !pack?.quantized;
  const how = howText(q);
  const saturation = saturationText(pack);
  const title = saturation ? `${how}. ${saturation}.` : how;
  return (
    <div className="activation-picker">
      <label
        title={
          fixed
            ? 'The samples are codes in this format: drop or open real-valued data (.npy, .npz, .csv) to choose another'
            : "The 8-bit fixed-point format Qm.f of this model's inputs and hidden states; auto calibrates it on your data"
        }
      >
        Activations
        <select
          value={q.choice === 'auto' ? 'auto' : qText(q.choice)}
          onChange={(e) => void setActivation(parseChoice(e.target.value))}
          disabled={busy || fixed}
          data-testid="activation-select"
        >
          <option value="auto">auto</option>
          {FORMAT_CHOICES.map((f) => (
            <option key={qText(f)} value={qText(f)}>
              {qText(f)}
            </option>
          ))}
        </select>
      </label>
      <output
        className="activation-summary"
        title={title}
        data-testid="activation-summary"
        data-format={qText(q.activation)}
        data-source={q.source}
        data-saturated={pack?.quantized?.saturated}
      >
        {busy ? 'quantizing…' : title}
      </output>
    </div>
  );
}

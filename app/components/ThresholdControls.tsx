// Θx and Θh sliders (all layers at once, or per layer on demand) and the presets.
import { useLab } from '../store/lab-context';
import { selectModelInfo } from '../store/selectors';
import { maxThetaLsb, PRESETS, presetThresholds, sameThresholds } from '../store/threshold-limits';
import { ThresholdSlider } from './ThresholdSlider';

export function ThresholdControls() {
  const info = useLab(selectModelInfo);
  const op = useLab((s) => (s.modelId ? s.operatingPoints[s.modelId] : undefined));
  const thresholds = useLab((s) => s.thresholds);
  const perLayer = useLab((s) => s.perLayer);
  const setPerLayer = useLab((s) => s.setPerLayer);
  const setThreshold = useLab((s) => s.setThreshold);
  const setThresholds = useLab((s) => s.setThresholds);
  const mode = useLab((s) => s.mode);
  const setMode = useLab((s) => s.setMode);
  if (!info || !thresholds) return <p className="muted">No model loaded.</p>;
  const max = maxThetaLsb(info);
  const frac = info.fixedPoint.activation.fracBits;
  const layers = info.layers.map((_, l) => l);
  const mixed = (v: number[]) => v.some((x) => x !== v[0]);
  return (
    <div className="thresholds">
      <fieldset className="presets bare-group" aria-label="Threshold presets">
        {PRESETS.map((p) => {
          const t = presetThresholds(p.name, info, op);
          return (
            <button
              key={p.name}
              type="button"
              aria-pressed={sameThresholds(t, thresholds)}
              onClick={() => setThresholds(t)}
              title={
                p.name === 'sweet' && op
                  ? `key ${p.key}: Θx ${op.thetaX}, Θh ${op.thetaH}, chosen on the ${op.selectedOn}`
                  : `key ${p.key}`
              }
            >
              {p.label}
            </button>
          );
        })}
      </fieldset>
      {perLayer ? (
        layers.map((l) => (
          <div key={l} className="layer-sliders">
            <ThresholdSlider
              id={`theta-x-${l}`}
              label={`Θx L${l + 1}`}
              value={thresholds.thetaX[l]}
              max={max}
              fracBits={frac}
              onChange={(v) => setThreshold('x', l, v)}
            />
            <ThresholdSlider
              id={`theta-h-${l}`}
              label={`Θh L${l + 1}`}
              value={thresholds.thetaH[l]}
              max={max}
              fracBits={frac}
              onChange={(v) => setThreshold('h', l, v)}
            />
          </div>
        ))
      ) : (
        <>
          <ThresholdSlider
            id="theta-x"
            label={mixed(thresholds.thetaX) ? 'Θx (L1)*' : 'Θx'}
            value={thresholds.thetaX[0]}
            max={max}
            fracBits={frac}
            onChange={(v) => setThreshold('x', 'all', v)}
          />
          <ThresholdSlider
            id="theta-h"
            label={mixed(thresholds.thetaH) ? 'Θh (L1)*' : 'Θh'}
            value={thresholds.thetaH[0]}
            max={max}
            fracBits={frac}
            onChange={(v) => setThreshold('h', 'all', v)}
          />
        </>
      )}
      {!perLayer && (mixed(thresholds.thetaX) || mixed(thresholds.thetaH)) && (
        <p className="note">
          * layers differ: the slider shows layer 1 and sets all layers; “per layer” shows each.
        </p>
      )}
      <div className="threshold-options">
        {info.layers.length > 1 && (
          <label className="check">
            <input type="checkbox" checked={perLayer} onChange={(e) => setPerLayer(e.target.checked)} />
            per layer
          </label>
        )}
        <label>
          Arithmetic
          <select value={mode} onChange={(e) => setMode(e.target.value === 'float' ? 'float' : 'fixed')}>
            <option value="fixed">fixed point</option>
            <option value="float">float</option>
          </select>
        </label>
      </div>
    </div>
  );
}

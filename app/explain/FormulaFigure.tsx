// Step 4: DESIGN.md section 3's formulas with this step's numbers put in, so a student can check one by
// hand; the results and the sequence totals are the engine's own counters.
import { formatCount, formatFactor } from '../format/numbers';
import { useLab } from '../store/lab-context';
import { selectStep } from '../store/selectors';
import { ExplainFigure } from './Figure';

const n = (v: number) => v.toLocaleString('en-US');

export function FormulaFigure() {
  const result = useLab((s) => s.trace);
  const position = useLab(selectStep);
  const trace = result?.trace;
  const costs = result?.stepCosts;
  const f = result?.figures;
  if (!trace || !costs || !f || trace.steps === 0)
    return <ExplainFigure caption="Waiting for the engine’s trace…">{null}</ExplainFigure>;
  const t = Math.min(trace.steps - 1, Math.max(0, position));
  const caption = `Step ${t + 1}: the cost formulas of each layer with its sizes and this step's fired counts, and the totals over the ${trace.steps} steps: speedup ${formatFactor(f.speedup)}.`;
  return (
    <ExplainFigure caption={caption}>
      <div className="formula-layers" data-testid="formulas">
        {trace.layers.map((L, l) => {
          const I = L.inputSize;
          const H = L.hiddenSize;
          const nx = L.nx[t];
          const nh = L.nh[t];
          const row = costs.layers[l][t];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: layers are identified by position
            <table key={l} className="formula-table">
              <caption>
                Layer {l + 1}, step {t + 1}: I = {I}, H = {H}, n<sub>x</sub> = {nx}, n<sub>h</sub> = {nh}
              </caption>
              <thead>
                <tr>
                  <th scope="col">row</th>
                  <th scope="col">formula</th>
                  <th scope="col">with the numbers</th>
                  <th scope="col">= (engine)</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">dense MACs</th>
                  <td>3H(I + H)</td>
                  <td>
                    3·{H}·({I} + {H})
                  </td>
                  <td data-testid={`dense-macs-${l}`}>{n(row.denseMacs)}</td>
                </tr>
                <tr>
                  <th scope="row">delta MACs</th>
                  <td>
                    3H(n<sub>x</sub> + n<sub>h</sub>)
                  </td>
                  <td>
                    3·{H}·({nx} + {nh})
                  </td>
                  <td data-testid={`delta-macs-${l}`}>{n(row.deltaMacs)}</td>
                </tr>
                <tr>
                  <th scope="row">delta cost</th>
                  <td>
                    3H(n<sub>x</sub> + n<sub>h</sub>) + 2(I + H)
                  </td>
                  <td>
                    {n(row.deltaMacs)} + 2·({I} + {H})
                  </td>
                  <td>{n(row.deltaCost)}</td>
                </tr>
                <tr>
                  <th scope="row">memory, dense</th>
                  <td>3H(I + H) + (I + H)</td>
                  <td>
                    {n(row.denseMacs)} + ({I} + {H})
                  </td>
                  <td>{n(row.denseMem)}</td>
                </tr>
                <tr>
                  <th scope="row">memory, delta</th>
                  <td>
                    3H(n<sub>x</sub> + n<sub>h</sub>) + 4(I + H)
                  </td>
                  <td>
                    {n(row.deltaMacs)} + 4·({I} + {H})
                  </td>
                  <td>{n(row.deltaMem)}</td>
                </tr>
              </tbody>
            </table>
          );
        })}
        <p className="formula-total" data-testid="formula-total">
          Whole sequence, all layers and steps: speedup = Σ dense cost / Σ delta cost ={' '}
          {formatCount(f.denseCost)} / {formatCount(f.deltaCost)} ={' '}
          <strong className="accent">{formatFactor(f.speedup)}</strong> · MAC reduction{' '}
          {formatFactor(f.macReduction)} · memory reduction {formatFactor(f.memReduction)}
        </p>
      </div>
    </ExplainFigure>
  );
}

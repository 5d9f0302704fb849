// Step 5: fixed point. An input's 8-bit code in Q3.4 (sign, 3 integer bits, 4 fraction bits), the code
// one frame earlier, the change in LSB and the engine's decision; then Θ = 0 in fixed point against float.
import { bit, heldBefore } from '../canvas/trace-access';
import { formatFactor } from '../format/numbers';
import { useLab } from '../store/lab-context';
import { selectModelInfo, selectStep } from '../store/selectors';
import { presetThresholds } from '../store/threshold-limits';
import { ExplainFigure } from './Figure';

/** The code's two's-complement bits, most significant first. */
const bits = (code: number, width: number) =>
  Array.from({ length: width }, (_, i) => ((code >> (width - 1 - i)) & 1) as 0 | 1);

function Code({
  code,
  intBits,
  fracBits,
  label,
}: {
  code: number;
  intBits: number;
  fracBits: number;
  label: string;
}) {
  const width = 1 + intBits + fracBits;
  return (
    <div className="q-code">
      <span className="muted">{label}</span>
      <span className="q-bits" aria-hidden="true">
        {bits(code, width).map((b, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: a bit is its position
            key={i}
            className={`q-bit ${i === 0 ? 'sign' : i <= intBits ? 'int' : 'frac'}`}
          >
            {b}
          </span>
        ))}
      </span>
      <span>
        = {code} / {2 ** fracBits} = <strong>{code / 2 ** fracBits}</strong>
      </span>
    </div>
  );
}

export function FixedPointFigure() {
  const info = useLab(selectModelInfo);
  const frames = useLab((s) => s.frames);
  const result = useLab((s) => s.trace);
  const evaluation = useLab((s) => s.evaluation);
  // Until the engine answers for the new setting, the figures on screen are the old setting's.
  const pending = useLab((s) => s.traceStatus === 'loading' || s.evalStatus === 'loading');
  const thresholds = useLab((s) => s.thresholds);
  const mode = useLab((s) => s.mode);
  const position = useLab(selectStep);
  const neuron = useLab((s) => s.neuron);
  const setThresholds = useLab((s) => s.setThresholds);
  const setMode = useLab((s) => s.setMode);
  const trace = result?.trace;
  if (!info || !frames || !trace || !thresholds || frames.length === 0)
    return <ExplainFigure caption="Waiting for the engine’s trace…">{null}</ExplainFigure>;
  const { intBits, fracBits } = info.fixedPoint.activation;
  const k = neuron?.layer === 0 && neuron.kind === 'x' ? neuron.index : 0;
  const t = Math.min(frames.length - 1, Math.max(0, position));
  const I = frames.inputSize;
  const now = frames.frames[t * I + k];
  // The engine compares the new code with the one it last sent (x̂), held in the trace in real units.
  const L0 = trace.layers[0];
  const before = Math.round(heldBefore(L0.xHat, L0.inputSize, t, k) * 2 ** fracBits);
  const theta = thresholds.thetaX[0];
  const fired = bit(L0.firedX, L0.inputSize, t, k);
  const zero = thresholds.thetaX.every((v) => v === 0) && thresholds.thetaH.every((v) => v === 0);
  const caption =
    `Input ${k} at step ${t + 1}: code ${now} (${now / 2 ** fracBits}), last sent ${before}; the change is ${now - before} LSB ` +
    `against Θx = ${theta} LSB, and the engine ${fired ? 'sent it' : 'did not send it'}. ` +
    `Arithmetic: ${mode === 'fixed' ? 'fixed point' : 'float'}, ${zero ? 'Θ = 0' : `Θx = ${theta} LSB`}; this sequence's speedup ${formatFactor(result?.figures?.speedup)}, test set ${formatFactor(evaluation?.figures.speedup)}.`;
  return (
    <ExplainFigure caption={caption}>
      <div className="q-layout" data-testid="fixed-point">
        <p className="q-legend">
          Q{intBits}.{fracBits}: <span className="q-bit sign">s</span> sign ·{' '}
          <span className="q-bit int">i</span> {intBits} integer bits · <span className="q-bit frac">f</span>{' '}
          {fracBits} fraction bits; one LSB = 1/{2 ** fracBits} = {1 / 2 ** fracBits}
        </p>
        <Code code={before} intBits={intBits} fracBits={fracBits} label="last sent x̂" />
        <Code code={now} intBits={intBits} fracBits={fracBits} label={`x at step ${t + 1}`} />
        <p>
          change: <strong>{now - before} LSB</strong> · Θx = {theta} LSB · engine:{' '}
          <strong className={fired ? 'accent' : 'muted'} data-testid="q-fired">
            {fired ? 'sent' : 'not sent'}
          </strong>
        </p>
        <div className="q-try">
          <button
            type="button"
            aria-pressed={zero && mode === 'fixed'}
            onClick={() => {
              setMode('fixed');
              setThresholds(presetThresholds('dense', info));
            }}
            data-testid="q-zero-fixed"
          >
            Θ = 0, fixed point
          </button>
          <button
            type="button"
            aria-pressed={zero && mode === 'float'}
            onClick={() => {
              setMode('float');
              setThresholds(presetThresholds('dense', info));
            }}
            data-testid="q-zero-float"
          >
            Θ = 0, float
          </button>
          <span data-testid="q-speedup" aria-busy={pending} className={pending ? 'stale' : undefined}>
            this sequence <strong className="accent">{formatFactor(result?.figures?.speedup)}</strong> · test
            set <strong className="accent">{formatFactor(evaluation?.figures.speedup)}</strong>
          </span>
        </div>
      </div>
    </ExplainFigure>
  );
}

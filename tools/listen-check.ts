// `npx tsx tools/listen-check.ts [--model public/models/connected-delta.dlm] [--pack public/models/connected-long.dlp]`:
// always-on listening as the lab does it (src/engine/transcribe's listener, the worker's code), on the
// long recordings of the connected-digits pack at the model's validation-chosen operating point: the
// delta network's operations per second (section 3's cost with the delta overhead, both layers, over
// half-second windows) against the dense network's on the same audio, and both transcripts.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileModel } from '../src/engine/compile';
import { ctcBlank } from '../src/engine/ctc';
import { parseLogMelSpec } from '../src/engine/features/spec';
import { decodeModel, decodePack, parseOperatingPoint } from '../src/engine/format';
import { uniformThresholds } from '../src/engine/thresholds';
import { createListener } from '../src/engine/transcribe';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'public/models/connected-delta.dlm' },
    pack: { type: 'string', default: 'public/models/connected-long.dlp' },
  },
});
const model = decodeModel(readFileSync(values.model));
const pack = decodePack(readFileSync(values.pack));
const op = parseOperatingPoint(
  JSON.parse(readFileSync(values.model.replace(/\.dlm$/, '.report.json'), 'utf8')),
);
const cm = compileModel(model, 'fixed');
const blank = ctcBlank(cm);
if (blank === null) throw new Error(`${values.model} is not a CTC model`);
const spec = parseLogMelSpec(model.features);
const fps = spec.sampleRate / spec.hop;
const th = op ? uniformThresholds(cm.layers.length, op.thetaX, op.thetaH) : model.trainedThresholds;
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const k = (v: number) => `${(v / 1000).toFixed(1)} k`;
console.log(
  `${model.name}: Θx ${th.thetaX.join('/')}, Θh ${th.thetaH.join('/')} (${op ? `operating point, ${op.selectedOn}` : 'trained thresholds'}), ${fps} frames/s`,
);
for (const item of pack.items) {
  const li = createListener(cm, th, { blank, framesPerSecond: fps });
  const I = pack.inputSize;
  const b = li.push(pack.frames.subarray(item.offset * I, (item.offset + item.length) * I), item.length);
  // Rates over whole half-second windows (the lab's counter reads the same window, frame by frame).
  const rates: number[] = [];
  const w = Math.round(fps / 2);
  for (let t = w - 1; t < b.frames; t += w) rates.push(b.deltaRate[t]);
  const dense = b.denseRate[b.frames - 1];
  const quiet = rates.filter((r) => r < 0.1 * dense).length / rates.length;
  const said = (item.labels ?? []).join('');
  const heard = Array.from(b.emitted)
    .filter((e) => e >= 0)
    .join('');
  const denseHeard = Array.from(b.denseEmitted)
    .filter((e) => e >= 0)
    .join('');
  const t = li.totals();
  console.log(
    `${item.id} (${(item.length / fps).toFixed(1)} s): dense ${k(dense)} ops/s constant; delta min ${k(Math.min(...rates))}, median ${k(pct(rates, 0.5))}, p90 ${k(pct(rates, 0.9))}, max ${k(Math.max(...rates))} ops/s; under 10% of dense ${(100 * quiet).toFixed(0)}% of the time; whole recording ${(t.denseOps / t.deltaOps).toFixed(2)}× fewer ops; occupancy ${t.occupancy.map((o, l) => `L${l + 1} ${(100 * o).toFixed(1)}%`).join(', ')}`,
  );
  console.log(`  said  ${said}\n  delta ${heard}\n  dense ${denseHeard}`);
}

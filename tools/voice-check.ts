// `npx tsx tools/voice-check.ts [--data ../shared/data/fsdd] [--model public/models/digits-delta-l1.dlm]`:
// the FSDD test split (takes 0–4) as the microphone path hears it — 0.6 s of silence before and 1.2 s
// after each word, resampled to 48 kHz, streamed through a worker's microphone session in 2048-sample
// pieces and endpointed — against the same files through wavFeatures, at Θ = 0 and the model's
// validation-chosen operating point. Prints the accuracy of each.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resample } from '../src/data/resample';
import { wavToMono } from '../src/data/wav';
import { EngineService } from '../src/workers/engine-service';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/fsdd' },
    model: { type: 'string', default: 'public/models/digits-delta-l1.dlm' },
  },
});
const dir = join(values.data, 'recordings');
const report = JSON.parse(readFileSync(values.model.replace(/\.dlm$/, '.report.json'), 'utf8'));
const op = report.operatingPoint as { thetaX: number; thetaH: number };
const settings = [
  { name: 'Θ = 0', th: { thetaX: [0], thetaH: [0] } },
  {
    name: `operating point Θx ${op.thetaX}, Θh ${op.thetaH}`,
    th: { thetaX: [op.thetaX], thetaH: [op.thetaH] },
  },
];
const s = new EngineService();
await s.loadModel('m', new Uint8Array(readFileSync(values.model)).buffer);
const files = readdirSync(dir)
  .filter((f) => /^\d_\w+_[0-4]\.wav$/.test(f))
  .sort();
const right = settings.map(() => ({ file: 0, mic: 0 }));
let job = 1;
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(join(dir, f)));
  const digit = Number(f[0]);
  const fromFile = await s.wavFeatures(job++, 'm', bytes.slice().buffer);
  const x = wavToMono(bytes, 8000);
  const padded = new Float32Array(4800 + x.length + 9600);
  padded.set(x, 4800);
  const mic = resample(padded, 8000, 48000);
  await s.voiceStart({ sessionId: 'v', modelId: 'm', sampleRate: 48000 });
  for (let at = 0; at < mic.length; at += 2048) await s.voicePush('v', mic.slice(at, at + 2048));
  const fromMic = await s.voiceStop('v').catch(() => null);
  for (const [k, { th }] of settings.entries()) {
    const run = (fr: typeof fromFile) =>
      s.traceFrames({ modelId: 'm', frames: fr.frames, length: fr.length, thresholds: th, mode: 'fixed' });
    if ((await run(fromFile)).prediction === digit) right[k].file++;
    if (fromMic && (await run(fromMic)).prediction === digit) right[k].mic++;
  }
}
const pct = (n: number) => `${((100 * n) / files.length).toFixed(1)}%`;
console.log(`${files.length} test-split recordings, ${values.model}`);
for (const [k, { name }] of settings.entries()) {
  console.log(`${name}: files ${pct(right[k].file)}, microphone path ${pct(right[k].mic)}`);
}

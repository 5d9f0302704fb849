// Trains the five spoken-digit models and writes them, their curves, reports and the test pack.
// Usage: npm run train:digits -- --data <fsdd dir> [--quick] [--methods a,b] [--out dir] [--jobs n]
//        [--checkpoints dir [--resume]] [--loso all|speaker,speaker|''] [--loso-methods a,b]
//        [--synth dir|''] [--set hyperparameter=json ...]
//        The synthesized set (espeak-ng, measurement only) is made in --synth's folder when missing;
//        --quick skips it unless --synth is given.
//        npm run train:digits -- --pack-only [--data dir] [--out dir]: rewrite the shipped test pack with
//        the recordings' audio, frames unchanged, no training.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { epochBars, pct } from './lib/epoch-bars';
import type { JobProgress } from './train/jobs';
import { FULL, type Hyper, METHODS, type Method, QUICK } from './train/methods';
import { PACK_ID, trainDigits } from './train/pipeline';
import { generateSynthDigits, SYNTH_DEFAULTS } from './train/synth';
import { repackTestPack } from './train/test-pack';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/fsdd' },
    out: { type: 'string', default: 'public/models' },
    methods: { type: 'string', default: METHODS.join(',') },
    quick: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '2' },
    loso: { type: 'string' },
    'loso-methods': { type: 'string' },
    synth: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    checkpoints: { type: 'string' },
    resume: { type: 'boolean', default: false },
    'pack-only': { type: 'boolean', default: false },
  },
});

if (values['pack-only']) {
  repackTestPack(values.data, join(values.out, `${PACK_ID}.dlp`), console.log);
  process.exit(0);
}

const methods = values.methods.split(',').map((m) => m.trim()) as Method[];
for (const m of methods)
  if (!METHODS.includes(m)) throw new Error(`unknown method ${m} (one of ${METHODS.join(', ')})`);
const hyper: Hyper = { ...(values.quick ? QUICK : FULL) };
if (values.loso !== undefined)
  hyper.losoSpeakers = values.loso === 'all' ? 'all' : values.loso.split(',').filter(Boolean);
if (values['loso-methods'] !== undefined)
  hyper.losoMethods = values['loso-methods'].split(',').filter(Boolean) as Method[];
// Overrides for validation experiments, e.g. --set runningMeanDecay=0 --set augmentVariants=0.
for (const kv of values.set) {
  const at = kv.indexOf('=');
  const key = kv.slice(0, at) as keyof Hyper;
  if (at < 0 || !(key in hyper)) throw new Error(`--set ${kv}: not a hyperparameter=value`);
  (hyper as unknown as Record<string, unknown>)[key] = JSON.parse(kv.slice(at + 1));
}
const synth = values.synth ?? (values.quick ? '' : SYNTH_DEFAULTS.dir);
if (synth && !existsSync(join(synth, 'configs.json'))) {
  console.log(`making the synthesized digits in ${synth} (espeak-ng)`);
  generateSynthDigits(synth, SYNTH_DEFAULTS.configs, SYNTH_DEFAULTS.seed);
}

const { progress, say, stop } = epochBars<Parameters<JobProgress['onEpoch']>[1]>(16, [
  { key: 'loss', label: 'loss', of: (r) => r.trainLoss.toFixed(3) },
  { key: 'acc', label: 'acc', of: (r) => pct(r.trainAccuracy) },
  { key: 'val', label: 'val', of: (r) => pct(r.valAccuracy) },
  { key: 'occ', label: 'occupancy', of: (r) => pct(r.trainOccupancy) },
]);

await trainDigits({
  data: values.data,
  out: values.out,
  methods,
  hyper,
  parallel: Number(values.jobs),
  checkpoints: values.checkpoints,
  resume: values.resume,
  synth: synth || undefined,
  progress,
  log: say,
});
stop();

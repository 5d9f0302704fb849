// Trains the simulated-driving models (CNN → Q2.5 features → GRU) and writes them, their curves,
// reports, the test pack and a JSON report of the whole run.
// Usage: npm run train:driving -- [--quick] [--methods dense,delta,delta-l1] [--out dir]
//        [--report file.json] [--cnn-cache file.json]
// --quick writes to a temporary folder unless --out is given, so a smoke run never replaces the
// shipped models.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { DRIVING_METHODS, type DrivingMethod, FULL, QUICK } from './train/driving/methods';
import { type DrivingProgress, trainDriving } from './train/driving/pipeline';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    methods: { type: 'string', default: DRIVING_METHODS.join(',') },
    quick: { type: 'boolean', default: false },
    report: { type: 'string' },
    'cnn-cache': { type: 'string' },
  },
});

const methods = values.methods.split(',').map((m) => m.trim()) as DrivingMethod[];
for (const m of methods)
  if (!DRIVING_METHODS.includes(m))
    throw new Error(`unknown method ${m} (one of ${DRIVING_METHODS.join(', ')})`);

const out = values.out ?? (values.quick ? join(tmpdir(), 'deltalab-driving-quick') : 'public/models');
const tty = process.stderr.isTTY;
const bar = new cliProgress.SingleBar(
  { format: '{stage} |{bar}| {value}/{total} {info}', hideCursor: true, clearOnComplete: false },
  cliProgress.Presets.shades_classic,
);
let running = false;
let stageName = '';
let lastInfo = '';
const progress: DrivingProgress = {
  stage(name, total) {
    stageName = name;
    if (!tty) {
      console.log(`${name} (${total})`);
      return;
    }
    if (running) bar.stop();
    bar.start(total, 0, { stage: name.padEnd(26), info: '' });
    running = true;
  },
  tick(done, info) {
    if (tty) bar.update(done, info === undefined ? {} : { info });
    else if (info && info.split(' ')[1] !== lastInfo.split(' ')[1]) console.log(`${stageName}: ${info}`);
    if (info) lastInfo = info;
  },
  log(line) {
    if (tty && running) {
      bar.stop();
      running = false;
    }
    console.log(line);
  },
};

const report = await trainDriving({
  out,
  methods,
  hyper: values.quick ? QUICK : FULL,
  cnnCache: values['cnn-cache'],
  progress,
});
if (running) bar.stop();
const path = values.report ?? join(out, 'driving-training.json');
writeFileSync(path, `${JSON.stringify({ ...report, quick: values.quick, methods }, null, 1)}\n`);
console.log(`report: ${path} (${report.timings.totalSeconds.toFixed(0)} s)`);

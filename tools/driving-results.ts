// Writes the driving section of RESULTS.md and docs/driving-tradeoff.svg from the shipped driving
// curves, reports and the training run's JSON report.
// Usage: npx tsx tools/driving-results.ts [--models public/models] [--out .]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCurve } from '../src/engine/format/index';
import type { CurvePoint } from '../src/engine/types';
import { writeSection } from './bench-report';
import { readManifest } from './lib/manifest';
import { type DrivingResult, drivingMarkdown, drivingSvg } from './train/driving/results';

const { values } = parseArgs({
  options: { models: { type: 'string', default: 'public/models' }, out: { type: 'string', default: '.' } },
});

const manifest = readManifest(join(values.models, 'manifest.json'));
const results: DrivingResult[] = manifest.models
  .filter((m) => m.task === 'driving' && m.curve && m.report)
  .map((m) => ({
    id: m.id,
    method: m.method,
    label: m.label,
    curve: parseCurve(JSON.parse(readFileSync(join(values.models, m.curve!), 'utf8'))) as CurvePoint[],
    report: JSON.parse(readFileSync(join(values.models, m.report!), 'utf8')),
  }));
if (results.length === 0) throw new Error(`no driving models with curves in ${values.models}/manifest.json`);
const runFile = join(values.models, 'driving-training.json');
const run = existsSync(runFile) ? JSON.parse(readFileSync(runFile, 'utf8')) : null;
mkdirSync(join(values.out, 'docs'), { recursive: true });
writeSection(
  join(values.out, 'RESULTS.md'),
  'driving',
  drivingMarkdown(results, {
    command: 'npm run train:driving',
    seconds: run?.timings?.totalSeconds ?? Number.NaN,
    cnnSeconds: run?.timings?.cnnSeconds,
    zeroFeatureFraction: run?.cnn?.export?.zeroFeatureFraction,
    cnnValRmse: run?.cnn?.report?.rmse,
    cnnZeroRmse: run?.cnn?.report?.zeroRmse,
  }),
);
writeFileSync(join(values.out, 'docs', 'driving-tradeoff.svg'), drivingSvg(results));
console.log(
  `wrote the driving section of RESULTS.md and docs/driving-tradeoff.svg (${results.length} models)`,
);

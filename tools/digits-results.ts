// Writes RESULTS.md and docs/results-tradeoff.svg from the shipped digits curves and training reports.
// Usage: npx tsx tools/digits-results.ts [--models public/models] [--out .]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCurve } from '../src/engine/format/index';
import type { CurvePoint } from '../src/engine/types';
import { readManifest } from './lib/manifest';
import { tradeoffSvg } from './train/results-svg';
import { type MethodResult, resultsMarkdown } from './train/results-table';

const { values } = parseArgs({
  options: { models: { type: 'string', default: 'public/models' }, out: { type: 'string', default: '.' } },
});

const manifest = readManifest(join(values.models, 'manifest.json'));
const results: MethodResult[] = manifest.models
  .filter((m) => m.task === 'digits' && m.curve && m.report)
  .map((m) => ({
    id: m.id,
    method: m.method,
    label: m.label,
    curve: parseCurve(JSON.parse(readFileSync(join(values.models, m.curve!), 'utf8'))) as CurvePoint[],
    report: JSON.parse(readFileSync(join(values.models, m.report!), 'utf8')),
  }));
if (results.length === 0) throw new Error(`no digits models with curves in ${values.models}/manifest.json`);
mkdirSync(join(values.out, 'docs'), { recursive: true });
// The driving and connected sections (tools/driving-results.ts, tools/connected-results.ts) live
// between their markers; keep them.
const resultsPath = join(values.out, 'RESULTS.md');
const before = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
const kept = ['driving', 'connected']
  .map((name) => new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`).exec(before)?.[0])
  .filter((section) => section !== undefined);
// The training-recipe comparison on held-out speakers (tools/train/speaker-validation.ts --publish).
const svPath = 'bench/results/speaker-validation.json';
const digits = resultsMarkdown(
  results,
  existsSync(svPath) ? JSON.parse(readFileSync(svPath, 'utf8')) : undefined,
);
writeFileSync(resultsPath, kept.length ? `${[digits.trimEnd(), ...kept].join('\n\n')}\n` : digits);
writeFileSync(join(values.out, 'docs', 'results-tradeoff.svg'), tradeoffSvg(results));
console.log(`wrote RESULTS.md and docs/results-tradeoff.svg (${results.length} models)`);

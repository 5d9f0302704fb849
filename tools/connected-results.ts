// Writes the connected-digits section of RESULTS.md from the shipped reports.
// Usage: npx tsx tools/connected-results.ts [--models public/models] [--out .]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSection } from './bench-report';
import { readManifest } from './lib/manifest';
import { type ConnectedReport, connectedMarkdown } from './train/ctc/results-ctc';

const { values } = parseArgs({
  options: { models: { type: 'string', default: 'public/models' }, out: { type: 'string', default: '.' } },
});

const manifest = readManifest(join(values.models, 'manifest.json'));
const report = (method: string): ConnectedReport => {
  const m = manifest.models.find((e) => e.task === 'connected' && e.method === method);
  if (!m?.report) throw new Error(`no connected ${method} model with a report in the manifest`);
  return JSON.parse(readFileSync(join(values.models, m.report), 'utf8'));
};
const path = join(values.out, 'RESULTS.md');
writeSection(path, 'connected', connectedMarkdown(report('dense'), report('delta-l1')));
console.log(`wrote the connected section of ${path}`);

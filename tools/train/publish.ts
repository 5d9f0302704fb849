// The results file RESULTS.md reads: each comparison tool's --publish sets its own key and keeps the rest.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function publishInto(path: string, key: string, value: unknown): void {
  const file = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  file[key] = value;
  writeFileSync(path, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${path} (${key})`);
}

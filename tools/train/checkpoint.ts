// Finished jobs on disk (parameters, epoch curves, timing), so an interrupted run can resume
// without retraining what it already has.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GruParams, PARAM_KEYS } from './gru';
import type { JobOutcome } from './jobs';

const file = (dir: string, id: string) => join(dir, `${id}.json`);

export function saveOutcome(dir: string, o: JobOutcome): void {
  mkdirSync(dir, { recursive: true });
  const p = o.result.params;
  const params = { ...p, ...Object.fromEntries(PARAM_KEYS.map((k) => [k, Array.from(p[k])])) };
  writeFileSync(file(dir, o.id), JSON.stringify({ ...o, result: { ...o.result, params } }));
}

export function loadOutcome(dir: string, id: string): JobOutcome | null {
  if (!existsSync(file(dir, id))) return null;
  const o = JSON.parse(readFileSync(file(dir, id), 'utf8')) as JobOutcome;
  const p = o.result.params as unknown as Record<string, unknown>;
  for (const k of PARAM_KEYS) p[k] = Float64Array.from(p[k] as number[]);
  return { ...o, result: { ...o.result, params: p as unknown as GruParams } };
}

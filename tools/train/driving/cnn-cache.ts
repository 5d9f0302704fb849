// The trained CNN on disk (engine form with its formats, and its reports), so GRU experiments and an
// interrupted run can skip retraining it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Cnn } from '../../../src/engine/cnn/types';

export interface CachedCnn {
  cnn: Cnn;
  report: unknown;
  exportReport: unknown;
}

export function saveCnn(path: string, c: CachedCnn): void {
  const layers = c.cnn.layers.map((l) =>
    'weight' in l ? { ...l, weight: Array.from(l.weight), bias: Array.from(l.bias) } : l,
  );
  writeFileSync(path, JSON.stringify({ ...c, cnn: { ...c.cnn, layers } }));
}

export function loadCnn(path: string): CachedCnn | null {
  if (!existsSync(path)) return null;
  const c = JSON.parse(readFileSync(path, 'utf8')) as CachedCnn;
  for (const l of c.cnn.layers) {
    if ('weight' in l) {
      l.weight = Float32Array.from(l.weight as unknown as number[]);
      l.bias = Float32Array.from(l.bias as unknown as number[]);
    }
  }
  return c;
}

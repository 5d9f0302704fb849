// The trade-off chart's data as CSV and JSON: one row per point, with the model and its source.
import type { CurvePoint } from '../../src/engine/types';

export interface CurveRow extends Omit<CurvePoint, 'thetaX' | 'thetaH'> {
  /** A number for curve points; "2;3" for a current setting whose layers differ. */
  thetaX: number | string;
  thetaH: number | string;
  model: string;
  label: string;
  source: 'shipped' | 'live' | 'current';
}

export const CSV_COLUMNS = [
  'model',
  'label',
  'source',
  'thetaX',
  'thetaH',
  'accuracy',
  'rmse',
  'errorRate',
  'speedup',
  'macReduction',
  'memReduction',
  'occupancy',
] as const;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function curvesToCsv(rows: CurveRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => cell(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}

export function curvesToJson(rows: CurveRow[]): string {
  // JSON has no Infinity: a MAC reduction with nothing fired is written as the string "Infinity".
  return JSON.stringify(rows, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}

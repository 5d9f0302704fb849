// Printing records as an aligned table, one JSON document, or CSV. Values are printed as the engine
// computed them; only the table rounds, for reading.
import { UsageError } from './errors';

export type OutputFormat = 'table' | 'json' | 'csv';

export function parseFormat(v: string | undefined): OutputFormat {
  const f = v ?? 'table';
  if (f !== 'table' && f !== 'json' && f !== 'csv')
    throw new UsageError(`--format ${f}: expected table, json or csv`);
  return f;
}

export type Cell = number | string | boolean | null | number[];
export type Row = Record<string, Cell>;

function csvCell(v: Cell): string {
  if (v === null) return '';
  if (Array.isArray(v)) return `"${v.join(' ')}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : String(v);
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Row[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `${[keys.join(','), ...rows.map((r) => keys.map((k) => csvCell(r[k] ?? null)).join(','))].join('\n')}\n`;
}

export function tableCell(v: Cell): string {
  if (v === null) return '-';
  if (Array.isArray(v)) return v.map((x) => tableCell(x)).join(' ');
  if (typeof v === 'number') {
    if (v === Number.POSITIVE_INFINITY) return '∞';
    if (Number.isInteger(v)) return String(v);
    return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
  }
  return String(v);
}

/** Rows as columns under a header. */
export function toTable(rows: Row[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = [keys, ...rows.map((r) => keys.map((k) => tableCell(r[k] ?? null)))];
  const widths = keys.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  return `${cells.map((row) => row.map((s, c) => s.padStart(widths[c])).join('  ')).join('\n')}\n`;
}

/** One record as "key  value" lines. */
export function toPairs(row: Row): string {
  const w = Math.max(...Object.keys(row).map((k) => k.length));
  return `${Object.entries(row)
    .map(([k, v]) => `${k.padEnd(w)}  ${tableCell(v)}`)
    .join('\n')}\n`;
}

/** JSON with Infinity written as null, as the lab's curve files do (parseCurve reads null as ∞). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

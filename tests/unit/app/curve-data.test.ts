// The trade-off data export: one CSV row per point with every figure, quoting where CSV needs it.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, type CurveRow, curvesToCsv, curvesToJson } from '../../../app/export/curve-data';

const row = (over: Partial<CurveRow>): CurveRow => ({
  model: 'm',
  label: 'delta-l1',
  source: 'shipped',
  thetaX: 2,
  thetaH: 3,
  accuracy: 0.95,
  speedup: 8.5,
  macReduction: 9,
  memReduction: 7,
  occupancy: 0.1,
  ...over,
});

describe('curve export', () => {
  it('writes a header and one row per point, empty cells for absent figures', () => {
    const csv = curvesToCsv([row({}), row({ source: 'current', thetaX: '2;4', label: 'a, "b"' })]);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]).toBe('m,delta-l1,shipped,2,3,0.95,,,8.5,9,7,0.1');
    expect(lines[2]).toBe('m,"a, ""b""",current,2;4,3,0.95,,,8.5,9,7,0.1');
  });

  it('keeps an infinite MAC reduction readable in JSON', () => {
    const parsed = JSON.parse(curvesToJson([row({ macReduction: Infinity })]));
    expect(parsed[0].macReduction).toBe('Infinity');
    expect(parsed[0].speedup).toBe(8.5);
  });
});

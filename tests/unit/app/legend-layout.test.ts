// The trade-off legend names every series where that covers no curve point, else only the kept ones,
// else drops the current setting's thresholds too.
import { describe, expect, it } from 'vitest';
import {
  type LegendInput,
  type LegendLayout,
  legendBoxes,
  legendLayout,
} from '../../../app/charts/legend-layout';

const base: LegendInput = {
  labels: ['delta', 'delta-l1', 'dense', 'noise', 'rounded'],
  keep: [1, 2],
  currentLabel: 'current (fixed): Θx 3, Θh 6',
  fontSize: 10,
  origin: { x: 50, y: 200 },
  rowsFit: 6,
  points: [],
};

const listed = (l: LegendLayout) => l.entries.map((e) => e.series);
/** Rows of the first column. */
const rows = (l: LegendLayout) => l.entries.filter((e) => e.dx === 0).length;

const inside = (p: { x: number; y: number }, l = legendLayout(base)) =>
  legendBoxes(l, base).some((b) => p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1);

describe('legendLayout', () => {
  it('names every series in one column when nothing is in the way', () => {
    const l = legendLayout(base);
    expect(listed(l)).toEqual([0, 1, 2, 3, 4]);
    expect(rows(l)).toBe(5);
    expect(l.currentLabel).toBe(base.currentLabel);
    // Rows stack upwards from the current setting's row, 1.25 em apart.
    const boxes = legendBoxes(l, base);
    expect(boxes.map((b) => (b.y0 + b.y1) / 2)).toEqual([137.5, 150, 162.5, 175, 187.5, 200]);
  });

  it('keeps the model on screen and dense when a point sits where the other names would be', () => {
    const top = legendBoxes(legendLayout(base), base)[0];
    const point = { x: top.x0 + 10, y: (top.y0 + top.y1) / 2 };
    const l = legendLayout({ ...base, points: [point] });
    expect(listed(l)).toEqual([1, 2]);
    expect(l.currentLabel).toBe(base.currentLabel);
    expect(
      legendBoxes(l, { ...base, points: [point] }).some(
        (b) => point.y >= b.y0 && point.y <= b.y1 && point.x >= b.x0 && point.x <= b.x1,
      ),
    ).toBe(false);
  });

  it('drops the thresholds from the current label when its end covers a point', () => {
    const far = { x: 50 + 150, y: 200 };
    expect(inside(far)).toBe(true);
    const l = legendLayout({ ...base, points: [far] });
    expect(l.currentLabel).toBe('current (fixed)');
    expect(listed(l)).toEqual([1, 2]);
  });

  it('two columns when the rows do not fit, and the last choice when every one covers a point', () => {
    expect(rows(legendLayout({ ...base, rowsFit: 3 }))).toBe(3);
    const l = legendLayout({ ...base, points: [{ x: 55, y: 200 }] });
    expect({ listed: listed(l), currentLabel: l.currentLabel }).toMatchObject({
      listed: [1, 2],
      currentLabel: 'current (fixed)',
    });
    expect(legendLayout({ ...base, currentLabel: null }).currentLabel).toBeNull();
  });
});

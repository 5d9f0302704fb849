// Where the trade-off chart's legend goes: in the plot's empty bottom left, with as many entries as
// fit there without covering a curve's point (estimated text widths, generous for system-ui).

export interface LegendInput {
  labels: string[];
  /** Series always named: the model on screen and the dense baseline, the demo's comparison. */
  keep: number[];
  /** The current setting's words ("current (fixed): Θx 3, Θh 6"); null: no live point. */
  currentLabel: string | null;
  fontSize: number;
  /** Left end of the bottom row (the current setting's, or the last series' without one). */
  origin: { x: number; y: number };
  /** Rows that fit above the bottom one in the plot's height. */
  rowsFit: number;
  /** Every curve point in the chart's pixels. */
  points: { x: number; y: number }[];
}

export interface LegendEntry {
  /** Index of the series. */
  series: number;
  /** Offset from the origin: x in pixels, y in em of the chart's font (negative: above). */
  dx: number;
  dyEm: number;
}

export interface LegendLayout {
  /** The series named, in order, where TradeoffChart draws them. */
  entries: LegendEntry[];
  /** The current setting's words as drawn (its thresholds dropped when the whole would cover a point). */
  currentLabel: string | null;
}

const textWidth = (label: string, fs: number) => 18 + 0.62 * fs * label.length;

/** One column up from the bottom row, or two when the rows do not fit. */
function layout(listed: number[], currentLabel: string | null, i: LegendInput): LegendLayout {
  const rows = i.rowsFit >= listed.length ? listed.length : Math.ceil(listed.length / 2);
  const colWidth = 8 + Math.max(0, ...listed.map((k) => textWidth(i.labels[k], i.fontSize)));
  return {
    entries: listed.map((series, n) => ({
      series,
      dx: Math.floor(n / rows) * colWidth,
      dyEm: -1.25 * (rows - (n % rows) - (currentLabel === null ? 1 : 0)),
    })),
    currentLabel,
  };
}

/** Entry boxes (pixels) of a layout: the series' rows, then the current setting's on the origin's row. */
export function legendBoxes(
  l: LegendLayout,
  i: LegendInput,
): { x0: number; x1: number; y0: number; y1: number }[] {
  const fs = i.fontSize;
  const half = 0.65 * fs;
  const box = (dx: number, y: number, label: string) => ({
    x0: i.origin.x + dx,
    x1: i.origin.x + dx + textWidth(label, fs),
    y0: y - half,
    y1: y + half,
  });
  const boxes = l.entries.map((e) => box(e.dx, i.origin.y + e.dyEm * fs, i.labels[e.series]));
  if (l.currentLabel !== null) boxes.push(box(0, i.origin.y, l.currentLabel));
  return boxes;
}

const R = 5;

function covers(l: LegendLayout, i: LegendInput): boolean {
  const boxes = legendBoxes(l, i);
  return i.points.some((p) =>
    boxes.some((b) => p.x > b.x0 - R && p.x < b.x1 + R && p.y > b.y0 - R && p.y < b.y1 + R),
  );
}

/**
 * Every series with the whole current label if that covers no point; else only the kept series; else
 * the current label without its thresholds too (they are in the Thresholds panel). The last choice
 * stands even if it still covers a point.
 */
export function legendLayout(i: LegendInput): LegendLayout {
  const all = i.labels.map((_, k) => k);
  const short = i.currentLabel === null ? null : i.currentLabel.split(':')[0];
  const candidates = [
    layout(all, i.currentLabel, i),
    layout(i.keep, i.currentLabel, i),
    layout(i.keep, short, i),
  ];
  return candidates.find((c) => !covers(c, i)) ?? candidates[candidates.length - 1];
}

// The counterpart of the paper's main figure: accuracy versus speedup (log x), one curve per method.
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { METHOD_ORDER, type MethodResult } from './results-table';

const COLORS: Record<string, string> = {
  dense: '#7f7f7f',
  rounded: '#1f77b4',
  noise: '#2ca02c',
  delta: '#ff7f0e',
  'delta-l1': '#d62728',
};

const W = 720;
const H = 440;
const M = { top: 36, right: 170, bottom: 50, left: 60 };

/** Accuracy below this is off the chart: the interesting region is the top, as in the paper's figure. */
const Y_MIN = 0.8;

const TITLE = 'Spoken digits (FSDD test split): accuracy vs delta-GRU speedup';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function tradeoffSvg(results: MethodResult[]): string {
  const ratio = results[0].report.hyperparameters.inputThetaRatio;
  const rs = [...results].sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
  const shown = (p: { speedup: number; accuracy?: number }) =>
    Number.isFinite(p.speedup) && (p.accuracy ?? 0) >= Y_MIN;
  const pts = rs.flatMap((r) => r.curve.filter(shown));
  const maxX = Math.max(10, ...pts.map((p) => p.speedup)) * 1.1;
  const x = scaleLog()
    .domain([1, maxX])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([Y_MIN, 1])
    .range([H - M.bottom, M.top]);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    // An accessible name as the first child (Biome's a11y rule for SVG).
    `<title>${TITLE}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="20" font-size="14" font-weight="bold">${TITLE}</text>`,
  );
  for (const t of x.ticks(6).filter((v) => [1, 2, 5, 10, 20, 50, 100].includes(v))) {
    out.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/>`,
      `<text x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${t}x</text>`,
    );
  }
  for (const t of y.ticks(6)) {
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/>`,
      `<text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${Math.round(t * 100)}%</text>`,
    );
  }
  out.push(
    `<line x1="${x(9)}" x2="${x(9)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#999" stroke-dasharray="4 3"/>`,
    `<text x="${x(9) - 4}" y="${H - M.bottom - 6}" fill="#666" text-anchor="end">9x (paper, TIDIGITS)</text>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">speedup (dense cost / delta cost, log scale)</text>`,
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">accuracy</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#333"/>`,
  );
  const path = line<{ s: number; a: number }>()
    .x((d) => x(d.s))
    .y((d) => y(d.a));
  rs.forEach((r, i) => {
    const c = COLORS[r.method] ?? '#000';
    const d = r.curve.filter(shown).map((p) => ({ s: p.speedup, a: p.accuracy ?? 0 }));
    out.push(`<path d="${path(d)}" fill="none" stroke="${c}" stroke-width="2"/>`);
    for (const p of d)
      out.push(`<circle cx="${x(p.s).toFixed(1)}" cy="${y(p.a).toFixed(1)}" r="3" fill="${c}"/>`);
    const ly = M.top + 10 + i * 20;
    out.push(
      `<line x1="${W - M.right + 12}" x2="${W - M.right + 32}" y1="${ly}" y2="${ly}" stroke="${c}" stroke-width="2"/>`,
      `<text x="${W - M.right + 38}" y="${ly + 4}">${esc(r.method)}</text>`,
    );
  });
  out.push(
    `<text x="${W - M.right + 12}" y="${M.top + 10 + rs.length * 20 + 10}" fill="#666" font-size="10">points: Θh = 0, 1, 2, … LSB</text>`,
    `<text x="${W - M.right + 12}" y="${M.top + 10 + rs.length * 20 + 24}" fill="#666" font-size="10">(Θx = ${ratio === 1 ? '' : `${ratio}·`}Θh); below ${Y_MIN * 100}% omitted</text>`,
    '</svg>',
    '',
  );
  return out.join('\n');
}

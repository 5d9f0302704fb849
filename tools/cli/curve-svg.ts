// The trade-off curve of a sweep as a standalone SVG: the task metric against speedup (log scale),
// each point labelled with its thresholds. Draws the engine's points; computes none.
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import type { CurvePoint } from '../../src/engine/types';

const W = 640;
const H = 400;
const M = { top: 40, right: 30, bottom: 50, left: 64 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function curveSvg(points: CurvePoint[], title: string): string {
  const metric = points.some((p) => p.accuracy !== undefined)
    ? 'accuracy'
    : points.some((p) => p.errorRate !== undefined)
      ? 'errorRate'
      : 'rmse';
  const shown = points.filter((p) => Number.isFinite(p.speedup) && p[metric] !== undefined);
  const ys = shown.map((p) => p[metric]!);
  const xs = shown.map((p) => p.speedup);
  const x = scaleLog()
    .domain([Math.min(1, ...xs), Math.max(2, ...xs) * 1.1])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain(
      metric === 'accuracy'
        ? [Math.max(0, Math.min(...ys) - 0.05), Math.min(1, Math.max(...ys) + 0.02)]
        : [0, Math.max(...ys, 1e-9) * 1.1],
    )
    .nice()
    .range([H - M.bottom, M.top]);
  const path = line<CurvePoint>()
    .x((p) => x(p.speedup))
    .y((p) => y(p[metric]!))(shown);
  const xTicks = x
    .ticks(6)
    .filter((t) => Number.isInteger(Math.log10(t)) || [2, 5].includes(t / 10 ** Math.floor(Math.log10(t))));
  const yTicks = y.ticks(6);
  const yLabel = { accuracy: 'accuracy', errorRate: 'digit error rate', rmse: 'RMSE' }[metric];
  const fmtY = (v: number) => (metric === 'rmse' ? String(v) : `${(v * 100).toFixed(0)}%`);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)}</text>`,
    ...xTicks.map(
      (t) =>
        `<g><line x1="${x(t)}" x2="${x(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/><text x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${t}×</text></g>`,
    ),
    ...yTicks.map(
      (t) =>
        `<g><line x1="${M.left}" x2="${W - M.right}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/><text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${fmtY(t)}</text></g>`,
    ),
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">speedup (dense cost / delta cost, log scale)</text>`,
    `<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`,
    `<path d="${path ?? ''}" fill="none" stroke="#d62728" stroke-width="2"/>`,
    ...shown.map(
      (p) =>
        `<g><circle cx="${x(p.speedup)}" cy="${y(p[metric]!)}" r="3.5" fill="#d62728"/><text x="${x(p.speedup) + 5}" y="${y(p[metric]!) - 6}" font-size="10" fill="#555">Θ ${p.thetaX}/${p.thetaH}</text></g>`,
    ),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

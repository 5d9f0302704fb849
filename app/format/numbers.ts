// How figures computed by the engine are written on the page (formatting only, no arithmetic on figures).
const SI = [
  { v: 1e12, s: 'T' },
  { v: 1e9, s: 'G' },
  { v: 1e6, s: 'M' },
  { v: 1e3, s: 'k' },
];

export function formatCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  for (const { v, s } of SI) if (Math.abs(n) >= v) return `${(n / v).toPrecision(3)} ${s}`;
  return String(Math.round(n));
}

/** "9.12×", "∞" when nothing fired (DESIGN.md: show it as such). */
export function formatFactor(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (x === Infinity) return '∞';
  return `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
}

export function formatPercent(p: number | undefined, digits = 1): string {
  if (p === undefined || !Number.isFinite(p)) return '–';
  return `${(p * 100).toFixed(digits)}%`;
}

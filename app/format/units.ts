// Thresholds are whole activation steps (LSBs); this shows them in real units too (DESIGN.md section 4).
export function lsbValue(lsb: number, fracBits: number): number {
  return lsb / 2 ** fracBits;
}

/** "3 LSB = 0.1875" */
export function lsbLabel(lsb: number, fracBits: number): string {
  return `${lsb} LSB = ${lsbValue(lsb, fracBits)}`;
}

/** "300 MiB", "1.5 KiB", "12 bytes" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** "12.3 µs", "1.52 µs", "1.2 ms" (measured times per step); without the unit when µs is said beside it. */
export function formatMicros(us: number | undefined, unit = true): string {
  if (us === undefined || !Number.isFinite(us)) return '–';
  if (us >= 1000) return `${(us / 1000).toPrecision(3)} ms`;
  const v = us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2);
  return unit ? `${v} µs` : v;
}

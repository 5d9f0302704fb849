// Colours of the canvas views, normal and high-contrast (presentation mode). Rising deltas are warm,
// falling ones cool, so the sign reads without a legend; silent cells stay dark.
export interface Palette {
  background: string;
  silent: [number, number, number];
  up: [number, number, number];
  down: [number, number, number];
  text: string;
  grid: string;
  playhead: string;
  selected: string;
}

export const NORMAL: Palette = {
  background: '#0f141b',
  silent: [34, 42, 54],
  up: [255, 150, 40],
  down: [60, 170, 255],
  text: '#b8c4d4',
  grid: '#2a3442',
  playhead: '#ffffff',
  selected: '#ffffff',
};

export const CONTRAST: Palette = {
  background: '#000000',
  silent: [40, 40, 40],
  up: [255, 200, 0],
  down: [0, 200, 255],
  text: '#ffffff',
  grid: '#666666',
  playhead: '#ffffff',
  selected: '#ff40ff',
};

export function rgba(c: [number, number, number], a: number): string {
  return `rgba(${c[0]},${c[1]},${c[2]},${a.toFixed(3)})`;
}

/** Mixes a colour into the silent colour by strength 0..1 (a cell's brightness). */
export function mix(p: Palette, c: [number, number, number], strength: number): string {
  const s = Math.min(1, Math.max(0, strength));
  const r = Math.round(p.silent[0] + (c[0] - p.silent[0]) * s);
  const g = Math.round(p.silent[1] + (c[1] - p.silent[1]) * s);
  const b = Math.round(p.silent[2] + (c[2] - p.silent[2]) * s);
  return `rgb(${r},${g},${b})`;
}

/** Shades per colour in the cell lookup table; finer steps are invisible on a cell. */
const SHADES = 64;
const tables = new WeakMap<Palette, { up: string[]; down: string[] }>();

/** The cell colour for a sign and strength 0..1, from a table built once per palette (no string work per cell). */
export function shade(p: Palette, up: boolean, strength: number): string {
  let t = tables.get(p);
  if (!t) {
    const ramp = (c: [number, number, number]) =>
      Array.from({ length: SHADES + 1 }, (_, i) => mix(p, c, i / SHADES));
    t = { up: ramp(p.up), down: ramp(p.down) };
    tables.set(p, t);
  }
  const i = Math.round(Math.min(1, Math.max(0, strength)) * SHADES);
  return up ? t.up[i] : t.down[i];
}

// How RESULTS.md writes a figure, shared by its sections.

export const pct = (v: number | undefined) => (v === undefined ? '–' : `${(100 * v).toFixed(1)}%`);
/** A change in points, with a true minus sign. */
export const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)}`;
export const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

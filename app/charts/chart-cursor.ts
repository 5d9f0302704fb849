// Arrow-key navigation between a chart's points: the chart is one Tab stop and the keys walk its curves.

export interface Cursor {
  series: number;
  point: number;
}

/** The cursor after a key, or undefined when the key is not a navigation key. `xs[s]` are series s's
 *  point positions in drawing order (ascending); `start` is the series a fresh cursor begins on. */
export function moveCursor(xs: number[][], cur: Cursor | null, key: string, start = 0): Cursor | undefined {
  const nav = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];
  if (!nav.includes(key)) return undefined;
  const filled = xs.map((s, i) => (s.length ? i : -1)).filter((i) => i >= 0);
  if (!filled.length) return undefined;
  if (!cur || !xs[cur.series]?.length) {
    const s = xs[start]?.length ? start : filled[0];
    return { series: s, point: key === 'End' ? xs[s].length - 1 : 0 };
  }
  const n = xs[cur.series].length;
  const point = Math.min(n - 1, Math.max(0, cur.point));
  switch (key) {
    case 'ArrowLeft':
      return { series: cur.series, point: Math.max(0, point - 1) };
    case 'ArrowRight':
      return { series: cur.series, point: Math.min(n - 1, point + 1) };
    case 'Home':
      return { series: cur.series, point: 0 };
    case 'End':
      return { series: cur.series, point: n - 1 };
  }
  // Up and down change curve, landing on the point nearest in x.
  const at = filled.indexOf(cur.series);
  const next = filled[(at + (key === 'ArrowDown' ? 1 : filled.length - 1)) % filled.length];
  const x = xs[cur.series][point];
  let best = 0;
  xs[next].forEach((v, i) => {
    if (Math.abs(v - x) < Math.abs(xs[next][best] - x)) best = i;
  });
  return { series: next, point: best };
}

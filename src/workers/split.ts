// How the pool splits an item range across workers: consecutive, near-equal, non-empty pieces in
// item order (the order mergeEvalResults and finishSweep expect).
export function splitRange(from: number, to: number, pieces: number): [number, number][] {
  const n = to - from;
  const count = Math.max(1, Math.min(pieces, n));
  const out: [number, number][] = [];
  for (let k = 0; k < count; k++) {
    out.push([from + Math.floor((k * n) / count), from + Math.floor(((k + 1) * n) / count)]);
  }
  return out;
}

// Sums progress from the workers of one pooled job and hands it to the page at most every
// PROGRESS_INTERVAL_MS (and always at completion), so a fast job does not flood React with updates.
import type { ProgressFn } from './api';

const PROGRESS_INTERVAL_MS = 50;

export function progressAggregator(
  parts: number,
  total: number,
  onProgress: ProgressFn | undefined,
): (part: number, done: number) => void {
  const done = new Array<number>(parts).fill(0);
  let last = Number.NEGATIVE_INFINITY;
  return (part, partDone) => {
    done[part] = partDone;
    if (!onProgress) return;
    const sum = done.reduce((s, d) => s + d, 0);
    const now = performance.now();
    if (sum < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    onProgress(sum, total);
  };
}

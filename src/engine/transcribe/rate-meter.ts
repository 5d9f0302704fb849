// Operations per second over a sliding window of frames, for the always-on counter: the sum of the
// last `window` frames' cost, scaled to a second of audio.

export interface RateMeter {
  /** Adds one frame's cost; returns the rate over the window up to this frame (per second). */
  push(cost: number): number;
  reset(): void;
}

export function createRateMeter(windowFrames: number, framesPerSecond: number): RateMeter {
  if (!Number.isInteger(windowFrames) || windowFrames < 1)
    throw new RangeError('window must be a whole number ≥ 1');
  if (!(framesPerSecond > 0)) throw new RangeError('frames per second must be > 0');
  const ring = new Float64Array(windowFrames);
  let at = 0;
  let filled = 0;
  let sum = 0;
  return {
    push(cost) {
      sum += cost - ring[at];
      ring[at] = cost;
      at = (at + 1) % windowFrames;
      if (filled < windowFrames) filled++;
      // Re-summed once per lap so rounding errors of the running sum cannot pile up.
      if (at === 0) sum = ring.reduce((s, v) => s + v, 0);
      return (sum / filled) * framesPerSecond;
    },
    reset() {
      ring.fill(0);
      at = 0;
      filled = 0;
      sum = 0;
    },
  };
}

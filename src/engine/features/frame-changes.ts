// How much each input changes from one frame to the next, in activation LSBs: the reason delta
// networks pay off on real signals. A change no larger than Θ (|d| ≤ Θ, DESIGN.md section 2) would not
// be sent if the last sent value were the previous frame's.

export interface FrameChanges {
  /** |x_t − x_{t−1}| per frame and input, frame-major; frame 0 against a zero frame (the first step). */
  changes: Uint8Array;
  /** Changes between frames (frames 1..T−1 times inputs): the denominators below. */
  between: number;
  /** Of those, exactly zero: the 8-bit code did not move at all. */
  unchanged: number;
  /** Of those, at most Θ LSB. */
  withinTheta: number;
  theta: number;
  /** unchanged / between and withinTheta / between (0 when there is no change between frames). */
  unchangedShare: number;
  withinShare: number;
}

/** Changes of `length` frames of `inputSize` codes each, counted against a threshold Θ in LSB. */
export function frameChanges(frames: Int8Array, inputSize: number, theta: number): FrameChanges {
  if (!Number.isInteger(inputSize) || inputSize < 1 || frames.length % inputSize !== 0)
    throw new RangeError(`${frames.length} codes are not whole frames of ${inputSize}`);
  const changes = new Uint8Array(frames.length);
  let unchanged = 0;
  let withinTheta = 0;
  for (let i = 0; i < frames.length; i++) {
    const d = Math.abs(frames[i] - (i < inputSize ? 0 : frames[i - inputSize]));
    changes[i] = d;
    if (i < inputSize) continue;
    if (d === 0) unchanged++;
    if (d <= theta) withinTheta++;
  }
  const between = Math.max(0, frames.length - inputSize);
  const share = (k: number) => (between === 0 ? 0 : k / between);
  return {
    changes,
    between,
    unchanged,
    withinTheta,
    theta,
    unchangedShare: share(unchanged),
    withinShare: share(withinTheta),
  };
}

// Greedy CTC decoding one frame at a time: a frame emits its best label when that label is not the
// blank and differs from the previous frame's best (repeats collapse, a blank between two equal
// labels separates them). The same rule as decoding a whole sequence at once, usable while listening.

export interface Emitter {
  /** Takes one frame's best label; returns the label this frame emits, or -1 when it emits none. */
  push(best: number): number;
  /** Back to the start of a sequence (the next frame has no previous one). */
  reset(): void;
}

export function createEmitter(blank: number): Emitter {
  let prev = -1;
  return {
    push(best) {
      const out = best !== blank && best !== prev ? best : -1;
      prev = best;
      return out;
    },
    reset() {
      prev = -1;
    },
  };
}

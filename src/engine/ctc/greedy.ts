// Greedy (best-path) CTC decoding: the most likely class of every frame, runs of one class merged,
// blanks dropped. A blank between two equal classes keeps them apart ("1 _ 1" reads "11").

/** The index of the largest of `classes` values in row `t` of a T x classes array (first on ties). */
export function rowArgmax(values: ArrayLike<number>, t: number, classes: number): number {
  const o = t * classes;
  let best = 0;
  for (let c = 1; c < classes; c++) if (values[o + c] > values[o + best]) best = c;
  return best;
}

/** Decodes per-frame classes (argmaxes) into the label sequence. */
export function greedyDecode(frameClasses: ArrayLike<number>, blank: number): number[] {
  const out: number[] = [];
  let prev = -1;
  for (let t = 0; t < frameClasses.length; t++) {
    const c = frameClasses[t];
    if (c !== prev && c !== blank) out.push(c);
    prev = c;
  }
  return out;
}

/** Frame-by-frame form of greedyDecode, for transcripts that grow as audio arrives. */
export interface GreedyStream {
  /** Takes the next frame's class; returns the label it emits, or -1 when it emits none. */
  push(frameClass: number): number;
  reset(): void;
}

export function greedyStream(blank: number): GreedyStream {
  let prev = -1;
  return {
    push(c) {
      const emit = c !== prev && c !== blank ? c : -1;
      prev = c;
      return emit;
    },
    reset() {
      prev = -1;
    },
  };
}

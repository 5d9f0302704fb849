// The transcript of a traced sequence, frame by frame: what the page shows growing with the playhead.
import { greedyStream, rowArgmax } from '../ctc';

export interface TraceTranscript {
  blank: number;
  /** Per frame: the most probable output (the blank included). */
  best: Int8Array;
  /** Per frame: the label this frame emits under greedy decoding, or -1. */
  emitted: Int8Array;
  /** The labels emitted, in order (the greedy-decoded transcript of the whole sequence). */
  labels: number[];
}

/** Greedy decoding of per-frame probabilities (steps x outputs, frame-major). */
export function transcribeFrames(
  probs: ArrayLike<number>,
  steps: number,
  outputs: number,
  blank: number,
): TraceTranscript {
  if (probs.length < steps * outputs) {
    throw new RangeError(
      `${steps} frames of ${outputs} outputs need ${steps * outputs} values, got ${probs.length}`,
    );
  }
  if (!Number.isInteger(blank) || blank < 0 || blank >= outputs) {
    throw new RangeError(`blank ${blank} is not one of the ${outputs} outputs`);
  }
  const best = new Int8Array(steps);
  const emitted = new Int8Array(steps);
  const labels: number[] = [];
  const em = greedyStream(blank);
  for (let t = 0; t < steps; t++) {
    const b = rowArgmax(probs, t, outputs);
    best[t] = b;
    const e = em.push(b);
    emitted[t] = e;
    if (e >= 0) labels.push(e);
  }
  return { blank, best, emitted, labels };
}

// The common shape of imported evaluation data before it becomes a sample pack: sequences of
// frames (real values, or int8 codes already in the activation format) with labels or targets.
export interface RawSequence {
  id: string;
  /** length x features, frame-major. */
  frames: Float32Array | Int8Array;
  length: number;
  /** Class index (classification) or -1. */
  label: number;
  /** Regression: length x outputs, frame-major. */
  targets?: Float32Array;
}

export interface RawSet {
  features: number;
  sequences: RawSequence[];
}

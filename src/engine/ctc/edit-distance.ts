// Levenshtein distance between label sequences and the error rate built from it: Σ edits over
// Σ reference length across a set, as word error rate is (not a mean of per-item rates).

/** Fewest substitutions, insertions and deletions that turn `hyp` into `ref`. */
export function editDistance(ref: ArrayLike<number>, hyp: ArrayLike<number>): number {
  const n = hyp.length;
  let row = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const next = [i];
    for (let j = 1; j <= n; j++) {
      const sub = row[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      next.push(Math.min(sub, row[j] + 1, next[j - 1] + 1));
    }
    row = next;
  }
  return row[n];
}

export interface ErrorCount {
  edits: number;
  refLength: number;
}

/** Edits and reference length summed over pairs (refs[k], hyps[k]). */
export function countErrors(refs: ArrayLike<number>[], hyps: ArrayLike<number>[]): ErrorCount {
  if (refs.length !== hyps.length) {
    throw new RangeError(`${refs.length} references but ${hyps.length} hypotheses`);
  }
  let edits = 0;
  let refLength = 0;
  for (let k = 0; k < refs.length; k++) {
    edits += editDistance(refs[k], hyps[k]);
    refLength += refs[k].length;
  }
  return { edits, refLength };
}

/** edits / refLength; 0 for an empty reference with no edits, Infinity with some. */
export function errorRate({ edits, refLength }: ErrorCount): number {
  if (refLength > 0) return edits / refLength;
  return edits === 0 ? 0 : Number.POSITIVE_INFINITY;
}

// The CTC loss (Graves et al. 2006) of one sequence and its gradient with respect to the logits, by
// the forward-backward recursions in log space (no underflow on long sequences). No maintained npm
// package computes CTC on plain arrays in Node (the ones there wrap TensorFlow or ONNX graphs),
// so it is written here and checked against finite differences and a brute-force sum over paths.

const NEG = Number.NEGATIVE_INFINITY;

function logAdd(a: number, b: number): number {
  if (a === NEG) return b;
  if (b === NEG) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Row-wise log-softmax of T x C logits into out. */
export function logSoftmax(logits: ArrayLike<number>, T: number, C: number, out: Float64Array): void {
  for (let t = 0; t < T; t++) {
    const o = t * C;
    let max = NEG;
    for (let c = 0; c < C; c++) max = Math.max(max, logits[o + c]);
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp(logits[o + c] - max);
    const lse = max + Math.log(sum);
    for (let c = 0; c < C; c++) out[o + c] = logits[o + c] - lse;
  }
}

/** Frames a path needs for `labels`: one per label, plus a blank between each equal neighbour pair. */
export function minFrames(labels: ArrayLike<number>): number {
  let n = labels.length;
  for (let k = 1; k < labels.length; k++) if (labels[k] === labels[k - 1]) n++;
  return n;
}

/**
 * −log p(labels | logits) for T x C logits (row-major, unnormalised) under CTC with `blank`.
 * With `grad` (T x C), writes ∂loss/∂logits there. Returns Infinity (and a zero gradient) when the
 * sequence is too short to hold the labels.
 */
export function ctcLoss(
  logits: ArrayLike<number>,
  T: number,
  C: number,
  labels: ArrayLike<number>,
  blank: number,
  grad: Float64Array | null = null,
): number {
  const S = 2 * labels.length + 1;
  if (grad) grad.fill(0, 0, T * C);
  if (T < minFrames(labels) || T === 0) return Number.POSITIVE_INFINITY;
  const ext = new Int32Array(S);
  for (let s = 0; s < S; s++) ext[s] = s % 2 === 0 ? blank : labels[(s - 1) >> 1];
  const lp = new Float64Array(T * C);
  logSoftmax(logits, T, C, lp);
  // alpha[t][s], beta[t][s]: both include the emission at t.
  const alpha = new Float64Array(T * S).fill(NEG);
  const beta = new Float64Array(T * S).fill(NEG);
  alpha[0] = lp[ext[0]];
  if (S > 1) alpha[1] = lp[ext[1]];
  for (let t = 1; t < T; t++) {
    const a = t * S;
    const p = a - S;
    for (let s = 0; s < S; s++) {
      let v = alpha[p + s];
      if (s > 0) v = logAdd(v, alpha[p + s - 1]);
      if (s > 1 && ext[s] !== blank && ext[s] !== ext[s - 2]) v = logAdd(v, alpha[p + s - 2]);
      alpha[a + s] = v === NEG ? NEG : v + lp[t * C + ext[s]];
    }
  }
  const last = (T - 1) * S;
  beta[last + S - 1] = lp[(T - 1) * C + ext[S - 1]];
  if (S > 1) beta[last + S - 2] = lp[(T - 1) * C + ext[S - 2]];
  for (let t = T - 2; t >= 0; t--) {
    const b = t * S;
    const n = b + S;
    for (let s = 0; s < S; s++) {
      let v = beta[n + s];
      if (s < S - 1) v = logAdd(v, beta[n + s + 1]);
      if (s < S - 2 && ext[s] !== blank && ext[s] !== ext[s + 2]) v = logAdd(v, beta[n + s + 2]);
      beta[b + s] = v === NEG ? NEG : v + lp[t * C + ext[s]];
    }
  }
  const logP = S > 1 ? logAdd(alpha[last + S - 1], alpha[last + S - 2]) : alpha[last];
  if (!grad) return -logP;
  // ∂(−log p)/∂u_tk = y_tk − (1/p) Σ_{s: ext[s]=k} α_t(s) β_t(s) / y_tk.
  const occ = new Float64Array(C);
  for (let t = 0; t < T; t++) {
    occ.fill(NEG);
    for (let s = 0; s < S; s++) {
      const k = ext[s];
      occ[k] = logAdd(occ[k], alpha[t * S + s] + beta[t * S + s]);
    }
    for (let c = 0; c < C; c++) {
      const l = lp[t * C + c];
      grad[t * C + c] = Math.exp(l) - (occ[c] === NEG ? 0 : Math.exp(occ[c] - l - logP));
    }
  }
  return -logP;
}

// Adam (Kingma & Ba) over every parameter array, with global-norm gradient clipping.
import { type GruParams, PARAM_KEYS } from './gru';

/** Adam over a fixed list of arrays (any model: a list of its parameter arrays, always in one order). */
export class AdamArrays {
  private m: Float64Array[];
  private v: Float64Array[];
  private t = 0;
  constructor(
    sizes: number[],
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
  ) {
    this.m = sizes.map((n) => new Float64Array(n));
    this.v = sizes.map((n) => new Float64Array(n));
  }

  /** One step with gradients `g` (already averaged over the batch); clips their global norm to `clip`. */
  step(p: Float64Array[], g: Float64Array[], lr: number, clip: number): number {
    let sq = 0;
    for (const a of g) for (const v of a) sq += v * v;
    const norm = Math.sqrt(sq);
    const s = norm > clip ? clip / norm : 1;
    this.t++;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    for (let a = 0; a < p.length; a++) {
      const w = p[a];
      const gk = g[a];
      const m = this.m[a];
      const v = this.v[a];
      for (let i = 0; i < w.length; i++) {
        const gi = gk[i] * s;
        m[i] = this.beta1 * m[i] + (1 - this.beta1) * gi;
        v[i] = this.beta2 * v[i] + (1 - this.beta2) * gi * gi;
        w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.eps);
      }
    }
    return norm;
  }
}

const arrays = (p: GruParams) => PARAM_KEYS.map((k) => p[k]);

/** Adam over a one-layer GruParams (its arrays in PARAM_KEYS order). */
export class Adam {
  private inner: AdamArrays;
  constructor(shape: GruParams, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) {
    this.inner = new AdamArrays(
      arrays(shape).map((a) => a.length),
      beta1,
      beta2,
      eps,
    );
  }

  step(p: GruParams, g: GruParams, lr: number, clip: number): number {
    return this.inner.step(arrays(p), arrays(g), lr, clip);
  }
}

// Adam (Kingma & Ba) over every parameter array, with global-norm gradient clipping.
import { type GruParams, PARAM_KEYS, zeroParams } from './gru';

export class Adam {
  private m: GruParams;
  private v: GruParams;
  private t = 0;
  constructor(
    shape: GruParams,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
  ) {
    this.m = zeroParams(shape.inputSize, shape.hiddenSize, shape.classes);
    this.v = zeroParams(shape.inputSize, shape.hiddenSize, shape.classes);
  }

  /** One step with gradient `g` (already averaged over the batch); clips its global norm to `clip`. */
  step(p: GruParams, g: GruParams, lr: number, clip: number): number {
    let sq = 0;
    for (const key of PARAM_KEYS) for (const v of g[key]) sq += v * v;
    const norm = Math.sqrt(sq);
    const s = norm > clip ? clip / norm : 1;
    this.t++;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    for (const key of PARAM_KEYS) {
      const w = p[key];
      const gk = g[key];
      const m = this.m[key];
      const v = this.v[key];
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

// Elementary functions from + − × ÷ and floor only. IEEE-754 fixes the result of those operations
// (and of Math.sqrt) bit for bit, whereas Math.sin, Math.atan, Math.exp... may differ between
// JavaScript engines; the simulator must render the same bytes in Node and every browser.

const PI = Math.PI;
const HALF_PI = PI / 2;
const TWO_PI = 2 * PI;

/** sin(x) for any finite x: reduced to [−π/2, π/2], then Taylor to x¹³ (error < 1e-9). */
export function sin(x: number): number {
  let r = x - TWO_PI * Math.floor((x + PI) / TWO_PI); // [−π, π)
  if (r > HALF_PI) r = PI - r;
  else if (r < -HALF_PI) r = -PI - r;
  const r2 = r * r;
  return (
    r *
    (1 +
      r2 *
        (-1 / 6 +
          r2 * (1 / 120 + r2 * (-1 / 5040 + r2 * (1 / 362880 + r2 * (-1 / 39916800 + r2 / 6227020800))))))
  );
}

export function cos(x: number): number {
  return sin(x + HALF_PI);
}

const INV_SQRT3 = 0.5773502691896257;
const TAN_PI_12 = 0.2679491924311227;

/** atan(x): reduced to |t| ≤ tan(π/12) (1/x outside [−1, 1], then a shift by π/6), Taylor to t¹³ (error < 1e-9). */
export function atan(x: number): number {
  const a = Math.abs(x);
  let t = a > 1 ? 1 / a : a;
  let offset = 0;
  if (t > TAN_PI_12) {
    t = (t - INV_SQRT3) / (1 + t * INV_SQRT3);
    offset = PI / 6;
  }
  const t2 = t * t;
  let p =
    offset + t * (1 + t2 * (-1 / 3 + t2 * (1 / 5 + t2 * (-1 / 7 + t2 * (1 / 9 + t2 * (-1 / 11 + t2 / 13))))));
  if (a > 1) p = HALF_PI - p;
  return x < 0 ? -p : p;
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

/** Hermite smoothstep of t in [0, 1]: 0 and 1 with zero slope at both ends. */
export function smooth(t: number): number {
  return t * t * (3 - 2 * t);
}

export const DEG_PER_RAD = 180 / PI;

// The simulator's own random numbers: integer arithmetic only (Math.imul, shifts), so every engine
// draws the same sequence from the same seed.
import { smooth } from './math';

/** mulberry32: a small, fast 32-bit generator; ample for scenery and driver noise. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = hash2(seed, 0x9e3779b9) >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** Approximately standard normal: the Irwin-Hall sum of four uniforms, rescaled (no log or cos). */
  gauss(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508075688772;
  }
}

/** A stateless 32-bit hash of two integers (for scenery placed by cell index, not drawn in order). */
export function hash2(a: number, b: number): number {
  let h = Math.imul(a | 0, 0x85ebca6b) ^ Math.imul(b | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** hash2 scaled to [0, 1). */
export function unit(a: number, b: number): number {
  return hash2(a, b) / 4294967296;
}

/** Smooth 1-D value noise in [0, 1]: hashed lattice values joined by smoothstep. */
export function noise1(key: number, x: number): number {
  const i = Math.floor(x);
  const a = unit(key, i);
  const b = unit(key, i + 1);
  return a + (b - a) * smooth(x - i);
}

// A piecewise-linear function of distance along the road (curvature or grade), generated lazily
// so that a closed-loop drive can go on for ever. Lookups move a cursor, because the simulator
// asks for nearby, mostly increasing distances.

export class Profile {
  private readonly s: number[] = [0];
  private readonly v: number[];
  private cursor = 0;

  /** extend(lastS, lastV) returns the next knots [s, v] after the last one, in increasing s. */
  constructor(
    start: number,
    private readonly extend: (lastS: number, lastV: number) => [number, number][],
  ) {
    this.v = [start];
  }

  at(s: number): number {
    while (this.s[this.s.length - 1] <= s) {
      for (const [ks, kv] of this.extend(this.s[this.s.length - 1], this.v[this.v.length - 1])) {
        this.s.push(ks);
        this.v.push(kv);
      }
    }
    if (s <= 0) return this.v[0];
    let i = this.cursor;
    while (i > 0 && this.s[i] > s) i--;
    while (this.s[i + 1] <= s) i++;
    this.cursor = i;
    const t = (s - this.s[i]) / (this.s[i + 1] - this.s[i]);
    return this.v[i] + (this.v[i + 1] - this.v[i]) * t;
  }
}

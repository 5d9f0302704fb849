// The road: curvature (1/m, positive = bending left) and grade (rise per metre) as functions of
// distance along the centreline. Straights and constant-radius curves are joined by linear
// curvature ramps (clothoids, as real roads are built), so the ideal steering never jumps.
import type { Look } from './look';
import { Profile } from './profile';
import { Rng } from './random';

/** Lane width (m); the car keeps to the right-hand lane, whose centre is LANE_CENTRE left of the road's. */
export const LANE_WIDTH = 3.6;
export const LANE_CENTRE = -LANE_WIDTH / 2;
/** Half the paved width: two lanes and a 0.8 m shoulder each side. */
export const ROAD_HALF_WIDTH = LANE_WIDTH + 0.8;

export class Road {
  readonly curvature: Profile;
  readonly grade: Profile;

  constructor(seed: number, look: Look) {
    const bends = new Rng(seed ^ 0x5bd1e995);
    const hills = new Rng(seed ^ 0x1b873593);
    const maxCurv = 1 / look.minRadius;
    const minCurv = 1 / 900;
    this.curvature = new Profile(0, (s, k) => {
      const ramp = bends.range(20, 60);
      if (k !== 0 || bends.next() < 0.35) {
        // A straight (after a curve, always; so curves never run into each other without one).
        const len = bends.range(40, 300);
        return [
          [s + ramp, 0],
          [s + ramp + len, 0],
        ];
      }
      // Curvature skewed towards gentle bends (u² rather than a power: no Math.pow, see math.ts),
      // a turn of 15-120 degrees, either side.
      const u = bends.next();
      const curv = minCurv + (maxCurv - minCurv) * u * u;
      const turn = bends.range(0.26, 2.1);
      const side = bends.next() < 0.5 ? -1 : 1;
      return [
        [s + ramp, side * curv],
        [s + ramp + turn / curv, side * curv],
      ];
    });
    this.grade = new Profile(0, (s) => {
      const len = hills.range(80, 260);
      return [[s + len, look.maxGrade * (2 * hills.next() - 1)]];
    });
  }
}

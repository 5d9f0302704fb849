// The built-in driver: pure pursuit towards a point on the lane ahead, with what makes it look
// human: it reacts through a first-order lag, its hands wobble (a slow random process), and it
// drifts a little within the lane.
import { pointAhead } from './geometry';
import type { Look } from './look';
import { atan, clamp, cos, DEG_PER_RAD, sin } from './math';
import { noise1, Rng } from './random';
import { LANE_CENTRE, type Road } from './road';
import { type CarState, MAX_STEERING_DEG, STEERING_RATIO, WHEELBASE } from './vehicle';

/** Correlation time of the wobble (s). */
const WOBBLE_TIME = 0.8;

export class Driver {
  private command = 0;
  private wobble = 0;
  private readonly rng: Rng;
  private readonly driftKey: number;

  constructor(
    private readonly road: Road,
    private readonly look: Look,
    seed: number,
  ) {
    this.rng = new Rng(seed ^ 0x68e31da4);
    this.driftKey = seed ^ 0x2f1b;
  }

  /** The steering-wheel angle (degrees) this driver applies now, at time t, given the car. */
  steer(car: CarState, t: number, dt: number): number {
    const { look } = this;
    const ahead = clamp(look.lookAhead * car.speed, 8, 30);
    const p = pointAhead(this.road, car.s, ahead, 8);
    const offset = LANE_CENTRE + look.drift * (2 * noise1(this.driftKey, t / 7) - 1);
    const rx = p.x - offset * sin(p.theta);
    const ry = p.y + offset * cos(p.theta) - car.d;
    const cp = cos(car.psi);
    const sp = sin(car.psi);
    const fwd = rx * cp + ry * sp;
    const left = -rx * sp + ry * cp;
    const curvature = (2 * left) / (fwd * fwd + left * left);
    const wanted = atan(WHEELBASE * curvature) * DEG_PER_RAD * STEERING_RATIO;
    // Backward-Euler lag (no exp: see math.ts) and an Ornstein-Uhlenbeck wobble of std look.wobble.
    this.command += ((wanted - this.command) * dt) / (look.lag + dt);
    const a = WOBBLE_TIME / (WOBBLE_TIME + dt);
    this.wobble = a * this.wobble + look.wobble * Math.sqrt(1 - a * a) * this.rng.gauss();
    return clamp(this.command + this.wobble, -MAX_STEERING_DEG, MAX_STEERING_DEG);
  }
}

// The car: a kinematic bicycle model in road coordinates (station s along the centreline,
// offset d left of it, heading psi relative to the road's tangent), integrated in substeps.
import { cos, DEG_PER_RAD, sin } from './math';
import type { Road } from './road';

export const WHEELBASE = 2.7;
/** Steering-wheel degrees per road-wheel degree (a typical passenger car). */
export const STEERING_RATIO = 15;
/** The label is the steering-wheel angle; the road wheels turn at most 30°, so ±450° at the wheel. */
export const MAX_STEERING_DEG = 30 * STEERING_RATIO;

export interface CarState {
  s: number;
  d: number;
  psi: number;
  heading: number;
  speed: number;
}

const SUBSTEPS = 4;

/** Advances the car by dt seconds with the steering wheel held at steeringDeg. */
export function drive(road: Road, car: CarState, steeringDeg: number, dt: number): void {
  const delta = steeringDeg / STEERING_RATIO / DEG_PER_RAD;
  const curvature = sin(delta) / cos(delta) / WHEELBASE;
  const h = dt / SUBSTEPS;
  for (let i = 0; i < SUBSTEPS; i++) {
    const k = road.curvature.at(car.s);
    const sDot = (car.speed * cos(car.psi)) / (1 - k * car.d);
    car.d += h * car.speed * sin(car.psi);
    car.psi += h * (car.speed * curvature - k * sDot);
    car.heading += h * car.speed * curvature;
    car.s += h * sDot;
  }
}

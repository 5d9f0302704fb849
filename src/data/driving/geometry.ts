// The centreline ahead of a station, in the road's own frame at that station (x along the
// tangent, y to the left), integrated from the curvature with the trapezoid rule.
import { cos, sin } from './math';
import type { Road } from './road';

export interface CentrePoint {
  x: number;
  y: number;
  /** Tangent direction relative to the tangent at the start (rad, positive = left). */
  theta: number;
}

/** The centreline point `dist` metres ahead of station s, in `steps` trapezoid steps. */
export function pointAhead(road: Road, s: number, dist: number, steps: number): CentrePoint {
  const h = dist / steps;
  let theta = 0;
  let x = 0;
  let y = 0;
  let k0 = road.curvature.at(s);
  for (let i = 1; i <= steps; i++) {
    const k1 = road.curvature.at(s + i * h);
    const next = theta + (h * (k0 + k1)) / 2;
    const mid = (theta + next) / 2;
    x += h * cos(mid);
    y += h * sin(mid);
    theta = next;
    k0 = k1;
  }
  return { x, y, theta };
}

// Everything a seed decides once about a drive: how the road is laid out, how the world looks
// and how the driver behaves. Drawn from one generator in a fixed order, so a seed is a drive.
import { Rng } from './random';

export interface Look {
  /** Cruise speed, m/s (43-79 km/h); curves are no tighter than this speed allows. */
  speed: number;
  minRadius: number;
  maxGrade: number;
  light: number;
  cloud: number;
  sky: number;
  skyTop: number;
  mountain: number;
  asphalt: number;
  shoulder: number;
  line: number;
  grass: number;
  grassStripe: number;
  field: number;
  fog: number;
  dashedCentre: boolean;
  edgeLines: boolean;
  vergeWidth: number;
  shadowDensity: number;
  shadowFactor: number;
  treeDensity: number;
  leadCar: boolean;
  leadTone: number;
  /** Driver: steering lag time constant (s), look-ahead (s of travel), wobble (deg), lane drift (m). */
  lag: number;
  lookAhead: number;
  wobble: number;
  drift: number;
}

export function drawLook(seed: number): Look {
  const r = new Rng(seed);
  const speed = r.range(12, 22);
  const light = r.range(0.55, 1.15);
  return {
    speed,
    // Lateral acceleration at most 3.5 m/s² (comfortable), never tighter than 50 m.
    minRadius: Math.max(50, (speed * speed) / 3.5),
    maxGrade: r.next() < 0.3 ? 0 : r.range(0.01, 0.06),
    light,
    cloud: r.range(0, 0.25),
    sky: r.range(160, 235),
    skyTop: r.range(110, 200),
    mountain: r.range(80, 150),
    asphalt: r.range(55, 110),
    shoulder: r.range(0.85, 1.15),
    line: r.range(170, 240),
    grass: r.range(70, 135),
    grassStripe: r.range(0.85, 1.1),
    field: r.range(50, 140),
    fog: r.range(120, 500),
    dashedCentre: r.next() < 0.8,
    edgeLines: r.next() < 0.85,
    vergeWidth: r.range(2, 6),
    shadowDensity: r.next() < 0.3 ? 0 : r.range(0.05, 0.35),
    shadowFactor: r.range(0.45, 0.8),
    treeDensity: r.range(0.05, 0.6),
    leadCar: r.next() < 0.5,
    leadTone: r.range(20, 200),
    lag: r.range(0.15, 0.35),
    lookAhead: r.range(0.9, 1.4),
    wobble: r.range(0.5, 2.5),
    drift: r.range(0.1, 0.45),
  };
}

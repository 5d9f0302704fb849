// The closed-loop simulator: a seeded road, a car, a camera on it and the built-in driver.
// A seed fixes everything (road, scenery, lighting, the driver's habits and noise), so the same
// seed and the same steering commands give the same frames, bit for bit, in every engine.
import { FPS, FRAME_HEIGHT, FRAME_WIDTH } from './camera';
import { Driver } from './driver';
import { drawLook, type Look } from './look';
import { clamp } from './math';
import { noise1 } from './random';
import { Renderer } from './render';
import { LANE_CENTRE, ROAD_HALF_WIDTH, Road } from './road';
import { type CarState, drive, MAX_STEERING_DEG } from './vehicle';

const DT = 1 / FPS;
/** The car ahead comes into view (10-200 m) and drops back out as this noise drifts. */
const LEAD_TIME = 12;

export interface SimulatorStep {
  frame: Uint8Array;
  /** The steering-wheel command applied in this step, degrees (positive = left), within ±MAX_STEERING_DEG. */
  steering: number;
  /** Metres left of the lane centre after the step. */
  lateralError: number;
  /** The car has left the paved road; it has stopped there and stays so until reset(). */
  offRoad: boolean;
}

export class RoadSimulator {
  readonly look: Look;
  private road!: Road;
  private driver!: Driver;
  private renderer!: Renderer;
  private car!: CarState;
  private time = 0;
  private crashed = false;

  constructor(readonly seed: number) {
    this.look = drawLook(seed);
    this.reset();
  }

  reset(): void {
    this.road = new Road(this.seed, this.look);
    this.driver = new Driver(this.road, this.look, this.seed);
    this.renderer = new Renderer(this.road, this.look, this.seed);
    this.car = { s: 0, d: LANE_CENTRE, psi: 0, heading: 0, speed: this.look.speed };
    this.time = 0;
    this.crashed = false;
  }

  /** The frame at the current state, without advancing (what the camera sees before the first step). */
  observe(out: Uint8Array = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT)): Uint8Array {
    const { car } = this;
    this.renderer.render(
      { s: car.s, d: car.d, psi: car.psi, heading: car.heading, leadGap: this.leadGap() },
      out,
    );
    return out;
  }

  /** steeringDeg: the command applied this frame; omit to let the built-in controller drive. */
  step(steeringDeg?: number): SimulatorStep {
    const frame = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT);
    const r = this.advance(steeringDeg, frame);
    return { frame, ...r };
  }

  /** step() into a caller's buffer (renderClip fills one long array without copying). */
  advance(steeringDeg: number | undefined, out: Uint8Array): Omit<SimulatorStep, 'frame'> {
    const steering =
      steeringDeg === undefined
        ? this.driver.steer(this.car, this.time, DT)
        : clamp(Number.isFinite(steeringDeg) ? steeringDeg : 0, -MAX_STEERING_DEG, MAX_STEERING_DEG);
    if (!this.crashed) {
      drive(this.road, this.car, steering, DT);
      if (Math.abs(this.car.d) > ROAD_HALF_WIDTH) {
        this.crashed = true;
        this.car.speed = 0;
      }
    }
    this.time += DT;
    this.observe(out);
    return { steering, lateralError: this.lateralError(), offRoad: this.crashed };
  }

  lateralError(): number {
    return this.car.d - LANE_CENTRE;
  }

  private leadGap(): number {
    if (!this.look.leadCar) return 0;
    const g = noise1(this.seed ^ 0x3c6ef372, this.time / LEAD_TIME);
    const gap = 10 + 230 * g * g * g;
    return gap > 200 ? 0 : gap;
  }
}

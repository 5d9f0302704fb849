// Recorded clips: the simulator driven by its own driver, with the driver's command as the label.
import { FRAME_HEIGHT, FRAME_WIDTH } from './camera';
import { RoadSimulator } from './simulator';

export interface DrivingClip {
  seed: number;
  width: number;
  height: number;
  /** T*H*W grey 0..255, frame-major, row-major within a frame. */
  frames: Uint8Array;
  /** Degrees per frame: the driver's command on seeing that frame (applied until the next). */
  steering: Float32Array;
  /** Metres left of the lane centre at each frame. */
  lateralError: Float32Array;
}

export function renderClip(opts: { seed: number; frames: number }): DrivingClip {
  const n = opts.frames;
  const size = FRAME_WIDTH * FRAME_HEIGHT;
  const frames = new Uint8Array(n * size);
  const steering = new Float32Array(n);
  const lateralError = new Float32Array(n);
  const sim = new RoadSimulator(opts.seed);
  const scratch = new Uint8Array(size);
  if (n > 0) sim.observe(frames.subarray(0, size));
  for (let t = 0; t < n; t++) {
    lateralError[t] = sim.lateralError();
    const out = t + 1 < n ? frames.subarray((t + 1) * size, (t + 2) * size) : scratch;
    steering[t] = sim.advance(undefined, out).steering;
  }
  return { seed: opts.seed, width: FRAME_WIDTH, height: FRAME_HEIGHT, frames, steering, lateralError };
}

/** FNV-1a over the frames and the bytes of both label arrays: one number that pins a clip down. */
export function clipDigest(clip: DrivingClip): string {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  };
  mix(clip.frames);
  mix(new Uint8Array(clip.steering.buffer, clip.steering.byteOffset, clip.steering.byteLength));
  mix(new Uint8Array(clip.lateralError.buffer, clip.lateralError.byteOffset, clip.lateralError.byteLength));
  return (h >>> 0).toString(16).padStart(8, '0');
}

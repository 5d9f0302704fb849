// Rendering the simulated clips each stage trains or is scored on, and the views of them that the
// CNN and the GRU read.
import { type DrivingClip, FRAME_HEIGHT, FRAME_WIDTH, renderClip } from '../../../src/data/driving';
import { type CompiledCnn, cnnFeatureSequence } from '../../../src/engine/cnn';
import type { CnnTrainData } from './cnn-train';

/** `count` clips of `frames` frames from consecutive seeds starting at `first`. */
export interface ClipSet {
  first: number;
  count: number;
  frames: number;
}

export function renderSet(set: ClipSet, onClip: () => void = () => {}): DrivingClip[] {
  return Array.from({ length: set.count }, (_, i) => {
    const clip = renderClip({ seed: set.first + i, frames: set.frames });
    onClip();
    return clip;
  });
}

/** All frames of the clips back to back, with their steering labels (what the CNN fits). */
export function framesOf(clips: DrivingClip[]): CnnTrainData {
  const px = FRAME_WIDTH * FRAME_HEIGHT;
  const total = clips.reduce((s, c) => s + c.steering.length, 0);
  const frames = new Uint8Array(total * px);
  const steering = new Float32Array(total);
  let t = 0;
  for (const c of clips) {
    frames.set(c.frames, t * px);
    steering.set(c.steering, t);
    t += c.steering.length;
  }
  return { frames, steering, width: FRAME_WIDTH, height: FRAME_HEIGHT };
}

/** The CNN's fixed-point features of every frame of a clip: T x features int8 codes (Q2.5), as the browser computes them. */
export function clipCodes(cnn: CompiledCnn, clip: DrivingClip): Int8Array {
  return cnnFeatureSequence(cnn, clip.frames);
}

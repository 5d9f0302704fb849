// What a driving pack says about its clips (features.clips: seed, frames, digest per item), read
// as outside input: a pack is a file anyone can drop, so every field is checked before a frame is rendered.
import type { SamplePack } from '../engine/types';
import { EngineError } from './errors';

/** Longer clips than this are not the lab's (its test clips are 2000 frames, 100 s at 20 fps). */
export const MAX_CLIP_FRAMES = 20_000;
const DIGEST = /^[0-9a-f]{8}$/;

export interface PackClip {
  seed: number;
  frames: number;
  digest: string;
}

const bad = (why: string) => new EngineError('format', `driving pack: ${why}`);

/** The clip behind item `index` of a driving pack, checked against the item it describes. */
export function packClip(pack: SamplePack, index: number): PackClip {
  const f = pack.features as Record<string, unknown>;
  if (f.kind !== 'driving-sim-cnn') throw bad(`'${pack.name}' is not a simulated-driving pack`);
  const clips = f.clips;
  if (!Array.isArray(clips) || clips.length !== pack.items.length) {
    throw bad(`features.clips must list one clip per item (${pack.items.length})`);
  }
  const item = pack.items[index];
  if (!item) throw new EngineError('not-found', `sample pack '${pack.name}' has no item ${index}`);
  const c = clips[index] as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null) throw bad(`clip ${index} is not an object`);
  const { seed, frames, digest } = c;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw bad(`clip ${index}: seed must be a whole number in [0, 2^32)`);
  }
  if (typeof frames !== 'number' || !Number.isInteger(frames) || frames < 1 || frames > MAX_CLIP_FRAMES) {
    throw bad(`clip ${index}: frames must be a whole number in [1, ${MAX_CLIP_FRAMES}]`);
  }
  if (frames !== item.length) throw bad(`clip ${index} has ${frames} frames, its item ${item.length}`);
  if (typeof digest !== 'string' || !DIGEST.test(digest)) {
    throw bad(`clip ${index}: digest must be 8 hex digits`);
  }
  return { seed, frames, digest };
}

// A window of a pack item's frames next to their frame-to-frame changes (the guided explanation's
// step 3), counted against a threshold by the engine (src/engine/features/frame-changes.ts).
import { frameChanges } from '../engine/features/frame-changes';
import type { SampleItem, SamplePack } from '../engine/types';
import type { InputChanges, InputChangesRequest } from './api';
import { EngineError } from './errors';

/** The most frames one answer carries (a whole 100 s driving clip is 2000). */
export const MAX_CHANGE_FRAMES = 4000;

export function inputChanges(pack: SamplePack, item: SampleItem, req: InputChangesRequest): InputChanges {
  const from = req.from ?? 0;
  const to = Math.min(item.length, req.to ?? item.length);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from >= to) {
    throw new EngineError(
      'not-found',
      `frames [${from}, ${to}) are outside the item's ${item.length} frames`,
    );
  }
  if (to - from > MAX_CHANGE_FRAMES)
    throw new EngineError('format', `${to - from} frames, at most ${MAX_CHANGE_FRAMES} at once`);
  if (!Number.isInteger(req.theta) || req.theta < 0 || req.theta > 255)
    throw new EngineError('format', `Θ = ${req.theta} LSB; a threshold is a whole number of LSB in 0..255`);
  const n = pack.inputSize;
  // A window after the first frame is measured against the frame before it, as the network sees it.
  const lead = from > 0 ? 1 : 0;
  const span = pack.frames.slice((item.offset + from - lead) * n, (item.offset + to) * n);
  const c = frameChanges(span, n, req.theta);
  return {
    frames: span.slice(lead * n),
    length: to - from,
    inputSize: n,
    fracBits: pack.activation.fracBits,
    from,
    ...c,
    changes: c.changes.slice(lead * n),
  };
}

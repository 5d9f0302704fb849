// The live drive's recent frames, kept outside React: a bounded window the canvases read on each
// animation frame. Everything in it came from the worker (RoadFrame); nothing is computed here.
import type { RoadFrame } from '../../src/workers/api';

/** 30 s at 20 fps: the traces and the raster show this much of the drive. */
export const ROAD_WINDOW = 600;

export class RoadLog {
  readonly frames: RoadFrame[] = [];

  push(batch: RoadFrame[]): void {
    for (const f of batch) this.frames.push(f);
    const extra = this.frames.length - ROAD_WINDOW;
    if (extra > 0) this.frames.splice(0, extra);
  }

  get last(): RoadFrame | undefined {
    return this.frames[this.frames.length - 1];
  }
}

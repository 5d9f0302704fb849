// What always-on listening has heard, kept outside React: the last LISTEN_WINDOW_S seconds of the
// worker's per-frame replies (rates, firing per layer) and the digits each network emitted. Every
// number in it came from the worker (ListenReply); nothing is computed here.
import type { ListenTotals } from '../../src/engine/transcribe';
import type { ListenReply } from '../../src/workers/api';

/** The rate chart and the firing strips show this much of the stream. */
export const LISTEN_WINDOW_S = 10;
/** The transcripts keep this many digits (a long listen scrolls). */
const MAX_DIGITS = 40;

export interface HeardDigit {
  /** Frame of the stream the digit was emitted at. */
  frame: number;
  label: number;
}

export class ListenLog {
  readonly capacity: number;
  /** Frames heard since the start (the frame index after the last one kept). */
  heard = 0;
  readonly deltaRate: number[] = [];
  readonly denseRate: number[] = [];
  /** Per kept frame: n_x + n_h of each layer. */
  readonly fired: number[][] = [];
  /** Per kept frame: the input codes the networks heard. */
  readonly codes: Int8Array[] = [];
  readonly deltaDigits: HeardDigit[] = [];
  readonly denseDigits: HeardDigit[] = [];
  totals: ListenTotals | null = null;

  constructor(
    readonly framesPerSecond: number,
    readonly layers: number,
  ) {
    this.capacity = Math.round(LISTEN_WINDOW_S * framesPerSecond);
  }

  push(r: ListenReply): void {
    for (let t = 0; t < r.frames; t++) {
      const frame = this.heard + t;
      this.deltaRate.push(r.deltaRate[t]);
      this.denseRate.push(r.denseRate[t]);
      this.fired.push(Array.from(r.fired.subarray(t * r.layers, (t + 1) * r.layers)));
      const I = r.codes.length / Math.max(1, r.frames);
      this.codes.push(r.codes.slice(t * I, (t + 1) * I));
      if (r.emitted[t] >= 0) this.deltaDigits.push({ frame, label: r.emitted[t] });
      if (r.denseEmitted[t] >= 0) this.denseDigits.push({ frame, label: r.denseEmitted[t] });
    }
    this.heard += r.frames;
    this.totals = r.totals;
    const extra = this.deltaRate.length - this.capacity;
    if (extra > 0) {
      this.deltaRate.splice(0, extra);
      this.denseRate.splice(0, extra);
      this.fired.splice(0, extra);
      this.codes.splice(0, extra);
    }
    for (const d of [this.deltaDigits, this.denseDigits])
      if (d.length > MAX_DIGITS) d.splice(0, d.length - MAX_DIGITS);
  }

  /** Stream frame of the first kept entry. */
  get first(): number {
    return this.heard - this.deltaRate.length;
  }

  get lastDeltaRate(): number | undefined {
    return this.deltaRate[this.deltaRate.length - 1];
  }

  get lastDenseRate(): number | undefined {
    return this.denseRate[this.denseRate.length - 1];
  }
}

// Endpointing: an energy gate over feature frames that finds where speech starts and ends, so a
// digit said in a longer recording is cut out with as little silence around it as the FSDD
// recordings have (they are trimmed to the word). Frame levels come from createLogMelEnergyStream.

export interface GateOptions {
  /** A frame is speech above max(absoluteDb, noise floor + marginDb). */
  absoluteDb: number;
  marginDb: number;
  /**
   * Quiet frames in a row before speech may start: a word already under way when listening began
   * is not taken cut (a looping or busy input starts mid-word).
   */
  armFrames: number;
  /** Speech starts after this many speech frames in a row (a click is not a word). */
  onsetFrames: number;
  /** Speech has ended after this many quiet frames in a row (pauses inside a word are shorter). */
  hangoverFrames: number;
  /** Frames kept before the first and after the last speech frame. */
  padFrames: number;
  /**
   * Frames whose window reaches this many frames past its start: the last ones kept end with the
   * speech instead of starting with it (ceil(window / hop) − 1 for log-mel frames).
   */
  overhangFrames: number;
}

/**
 * At 10 ms frames: −60 dBFS or 12 dB over the quietest frame so far, 100 ms of quiet first, 30 ms to start, 350 ms to end,
 * 10 ms pads. FSDD's quietest speaker peaks near −40 dBFS and its words stay above −60 dBFS.
 */
export const DEFAULT_GATE: GateOptions = {
  absoluteDb: -60,
  marginDb: 12,
  armFrames: 10,
  onsetFrames: 3,
  hangoverFrames: 35,
  padFrames: 1,
  overhangFrames: 0,
};

export type GateState = 'waiting' | 'speech' | 'ended';

export interface EndpointGate {
  /** Levels (dBFS) of the next frames; the state after them. */
  push(levels: Float64Array): GateState;
  readonly state: GateState;
  /** First frame to keep (absolute frame index), or -1 before speech started. */
  readonly start: number;
  /** One past the last frame to keep, given the frames seen so far (-1 before speech started). */
  readonly end: number;
}

export function createEndpointGate(opts: GateOptions = DEFAULT_GATE): EndpointGate {
  let state: GateState = 'waiting';
  let frame = 0;
  let noise = Number.POSITIVE_INFINITY;
  let run = 0; // speech frames in a row (waiting) or quiet frames in a row (speech)
  let quiet = 0; // quiet frames in a row before the gate is armed
  let start = -1;
  let lastSpeech = -1;
  return {
    push(levels) {
      for (const db of levels) {
        const f = frame++;
        if (state === 'ended') continue;
        noise = Math.min(noise, db);
        const speech = db > Math.max(opts.absoluteDb, noise + opts.marginDb);
        if (quiet < opts.armFrames) {
          quiet = speech ? 0 : quiet + 1;
        } else if (state === 'waiting') {
          run = speech ? run + 1 : 0;
          if (run >= opts.onsetFrames) {
            state = 'speech';
            start = Math.max(0, f - opts.onsetFrames + 1 - opts.padFrames);
            lastSpeech = f;
            run = 0;
          }
        } else if (speech) {
          lastSpeech = f;
          run = 0;
        } else if (++run >= opts.hangoverFrames) {
          state = 'ended';
        }
      }
      return state;
    },
    get state() {
      return state;
    },
    get start() {
      return start;
    },
    get end() {
      if (start < 0) return -1;
      return Math.max(start + 1, Math.min(frame, lastSpeech + 1 + opts.padFrames - opts.overhangFrames));
    },
  };
}

// The connected-digits view's state: one string traced frame by frame, or always-on listening (a
// long recording of the pack, or the microphone) whose recent replies live in a ListenLog outside
// React, with a version counter the canvases and counters subscribe to.
import type { Slice, Status } from '../store/types';
import { ListenLog } from './listen-log';

export type HearMode = 'string' | 'always';
export const HEAR_MODES = ['string', 'always'] as const;
export type ListenSource = 'recording' | 'microphone';

export interface ConnectedSlice {
  hear: HearMode;
  listenSource: ListenSource;
  /** Item of the long-recordings pack that the recording source plays. */
  listenItem: number;
  /** The user wants it listening (the loop in connected-sync.ts feeds the worker while this is on). */
  listenRunning: boolean;
  listenStatus: Status;
  /** The pack of long recordings (strings with silence between), once loaded. */
  longPackId: string | null;
  listenLog: ListenLog;
  /** Bumped on every reply: canvases and counters repaint on it. */
  listenVersion: number;
  /** Frames of the recording being played (0 for the microphone), and how far it has been sent. */
  listenLength: number;
  listenSent: number;
  setHear(mode: HearMode): void;
  setListenItem(index: number): void;
  startAlwaysOn(source: ListenSource): void;
  stopAlwaysOn(): void;
}

export const createConnectedSlice: Slice<ConnectedSlice> = (set, get) => ({
  hear: 'string',
  listenSource: 'recording',
  listenItem: 0,
  listenRunning: false,
  listenStatus: 'idle',
  longPackId: null,
  listenLog: new ListenLog(100, 0),
  listenVersion: 0,
  listenLength: 0,
  listenSent: 0,
  setHear: (hear) => {
    if (hear === get().hear) return;
    // The string pauses while listening, and listening stops when the string comes back.
    set(hear === 'always' ? { hear, playing: false } : { hear, listenRunning: false });
  },
  setListenItem: (listenItem) => set({ listenItem, listenRunning: false }),
  startAlwaysOn: (listenSource) => set({ hear: 'always', listenSource, listenRunning: true, playing: false }),
  stopAlwaysOn: () => set({ listenRunning: false }),
});

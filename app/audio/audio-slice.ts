// The current sample's recording (from the pack, decoded in a worker: audio-load.ts) and the sound
// switch. Muting is remembered across visits.
import type { ItemAudio } from '../../src/workers/api';
import type { Slice } from '../store/types';
import { readMuted, writeMuted } from './mute-memory';

export interface AudioSlice {
  /** The recording of the pack item on screen; null while loading, for recordings, and without audio. */
  sampleAudio: ItemAudio | null;
  muted: boolean;
  setMuted(muted: boolean): void;
}

export const createAudioSlice: Slice<AudioSlice> = (set) => ({
  sampleAudio: null,
  muted: readMuted(),
  setMuted: (muted) => {
    writeMuted(muted);
    set({ muted });
  },
});

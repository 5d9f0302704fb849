// Play, pause, step and seek through the current trace.
import { MAX_SPEED, MIN_SPEED, STEPS_PER_SECOND } from './constants';
import type { LabState, PlaybackSlice, Slice } from './types';

/** Playhead steps per second at 1x: a driving clip plays in real time (its frame rate), others at STEPS_PER_SECOND. */
export const stepsPerSecond = (s: Pick<LabState, 'clip'>): number => s.clip?.fps ?? STEPS_PER_SECOND;

export const createPlaybackSlice: Slice<PlaybackSlice> = (set, get) => {
  const lastStep = () => Math.max(0, (get().trace?.trace?.steps ?? 1) - 1);
  const clamp = (p: number) => Math.min(lastStep(), Math.max(0, p));
  return {
    position: 0,
    playing: false,
    speed: 1,
    loop: false,
    play: () => {
      // Playing from the end starts over, as media players do.
      if (get().position >= lastStep()) set({ position: 0 });
      // Pressing play is asking for motion, even after "pause all animation".
      set({ playing: true, motion: true });
    },
    pause: () => set({ playing: false }),
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    step: (delta) => set({ playing: false, position: clamp(Math.floor(get().position) + delta) }),
    restart: () => set({ position: 0 }),
    seek: (position) => set({ position: clamp(position) }),
    setSpeed: (speed) => set({ speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) }),
    setLoop: (loop) => set({ loop }),
    advance: (seconds) => {
      const { playing, position, speed, loop } = get();
      if (!playing) return;
      const next = position + seconds * stepsPerSecond(get()) * speed;
      // Looping shows the last step for one frame, then starts over.
      if (next >= lastStep() && loop) set({ position: position >= lastStep() ? 0 : lastStep() });
      else if (next >= lastStep()) set({ position: lastStep(), playing: false });
      else set({ position: next });
    },
  };
};

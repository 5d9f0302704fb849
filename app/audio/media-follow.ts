// Keeps a media element in step with the playhead: playing while the lab plays, at the rate that
// makes one playhead step last one hop of audio, re-seeking when the two drift apart, and parked at
// the playhead while paused, so stepping and scrubbing show where the sound is.
import type { ItemAudio } from '../../src/workers/api';

/** Chromium's playable range of HTMLMediaElement.playbackRate; outside it, setting the rate throws. */
export const MIN_MEDIA_RATE = 0.0625;
export const MAX_MEDIA_RATE = 16;

export interface FollowState {
  audio: ItemAudio | null;
  /** Playhead in steps. */
  position: number;
  playing: boolean;
  /** Playhead steps per wall-clock second at the current speed. */
  stepsPerSecond: number;
  muted: boolean;
}

/** The media element's playbackRate for the playhead's pace (audio seconds per wall-clock second). */
export const mediaRate = (s: FollowState): number =>
  s.audio ? s.stepsPerSecond * s.audio.secondsPerStep : 0;

/** Whether the element can play at that pace (the slowest lab speeds are beyond what it can stretch). */
export const audible = (s: FollowState): boolean => {
  const r = mediaRate(s);
  return r >= MIN_MEDIA_RATE && r <= MAX_MEDIA_RATE;
};

/** The subset of HTMLMediaElement this needs (a fake in unit tests). */
export interface MediaLike {
  paused: boolean;
  currentTime: number;
  playbackRate: number;
  muted: boolean;
  play(): Promise<void>;
  pause(): void;
}

/** A follower for one element: call it with every change of state. */
export function createFollower(el: MediaLike): (s: FollowState) => void {
  // A start the browser refused (no user gesture yet) is not retried every frame, only on the next play.
  let refused = false;
  return (s) => {
    if (!s.playing) refused = false;
    el.muted = s.muted;
    if (!s.audio) {
      if (!el.paused) el.pause();
      return;
    }
    const at = s.position * s.audio.secondsPerStep;
    if (s.playing && audible(s) && at < s.audio.seconds && !refused) {
      const rate = mediaRate(s);
      if (el.playbackRate !== rate) el.playbackRate = rate;
      // Starting takes a few wall-clock frames: allow a quarter second of wall time (and 3 steps) of lag.
      const tolerance = Math.max(3 * s.audio.secondsPerStep, 0.25 * rate);
      if (el.paused) {
        el.currentTime = at;
        el.play().catch(() => {
          refused = true;
        });
      } else if (Math.abs(el.currentTime - at) > tolerance) el.currentTime = at;
      return;
    }
    if (!el.paused) el.pause();
    const parked = Math.min(at, s.audio.seconds);
    if (Math.abs(el.currentTime - parked) > 1e-3) el.currentTime = parked;
  };
}

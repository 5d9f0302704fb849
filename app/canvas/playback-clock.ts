// Drives playback: while playing, advances the playhead by wall-clock time on every animation frame.
import type { LabStore } from '../store/create-store';

/** Longest frame gap honoured: a background tab must not jump to the end on return. */
const MAX_DT = 0.1;

/** Starts playing once, when the first trace arrives (unless the user already acted). */
export function autoplayWhenReady(store: LabStore): void {
  const start = () => {
    const s = store.getState();
    if (s.motion && !s.playing && s.position === 0) s.play();
  };
  if (store.getState().trace) {
    start();
    return;
  }
  const unsubscribe = store.subscribe((s) => {
    if (!s.trace) return;
    unsubscribe();
    start();
  });
}

export function startPlaybackClock(store: LabStore): () => void {
  let frame = 0;
  let last = 0;
  const tick = (now: number) => {
    const dt = last === 0 ? 0 : Math.min(MAX_DT, (now - last) / 1000);
    last = now;
    store.getState().advance(dt);
    frame = store.getState().playing ? requestAnimationFrame(tick) : 0;
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.playing && !prev.playing && frame === 0) {
      last = 0;
      frame = requestAnimationFrame(tick);
    }
  });
  return () => {
    unsubscribe();
    if (frame !== 0) cancelAnimationFrame(frame);
  };
}

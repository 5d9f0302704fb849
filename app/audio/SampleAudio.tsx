// The sample's sound: a media element that follows the playhead (media-follow.ts), and the switch
// that mutes it. Nothing is shown for samples without a recording.
import { useEffect, useMemo, useRef } from 'react';
import { useLab, useLabStore } from '../store/lab-context';
import { stepsPerSecond } from '../store/playback-slice';
import type { LabState } from '../store/types';
import { audible, createFollower, type FollowState } from './media-follow';
import './audio.css';

const followState = (s: LabState): FollowState => ({
  // A recording of the user's own voice has its own player (app/voice).
  audio: s.recording ? null : s.sampleAudio,
  position: s.position,
  playing: s.playing,
  stepsPerSecond: stepsPerSecond(s) * s.speed,
  muted: s.muted,
});

export function SampleAudio() {
  const store = useLabStore();
  const audio = useLab((s) => (s.recording ? null : s.sampleAudio));
  const muted = useLab((s) => s.muted);
  const setMuted = useLab((s) => s.setMuted);
  const tooSlow = useLab((s) => !audible(followState(s)));
  const el = useRef<HTMLAudioElement>(null);
  const url = useMemo(
    () => (audio ? URL.createObjectURL(new Blob([audio.wav.slice()], { type: 'audio/wav' })) : null),
    [audio],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  useEffect(() => {
    const media = el.current;
    if (!media || !url) return;
    const follow = createFollower(media);
    const sync = () => follow(followState(store.getState()));
    sync();
    // Per animation frame while playing, outside React (the store changes with the playhead).
    const unsubscribe = store.subscribe(sync);
    media.addEventListener('loadedmetadata', sync);
    return () => {
      unsubscribe();
      media.removeEventListener('loadedmetadata', sync);
      media.pause();
    };
  }, [store, url]);
  if (!url || !audio) return null;
  return (
    <span className="sample-audio">
      {/* biome-ignore lint/a11y/useMediaCaption: a spoken digit whose label and features are on screen */}
      <audio ref={el} src={url} preload="auto" data-testid="sample-audio" />
      <button
        type="button"
        className="mute"
        aria-pressed={!muted}
        onClick={() => setMuted(!muted)}
        title={`the sample's recording, in step with the playhead (s). ${audio.credit}`}
        data-testid="mute"
      >
        sound
      </button>
      {!muted && tooSlow && (
        <span className="hint" data-testid="too-slow">
          silent below 1×: slower than a browser can stretch
        </span>
      )}
    </span>
  );
}

// Your own voice in the top bar: the microphone (push-to-talk or hands-free) with a level meter, a
// WAV file opened from disk, and, once a recording is the sample, its playback, saving and the way
// back to the pack. Everything recorded stays in this page (the CSP allows no outside connection).
import { useEffect, useMemo, useRef } from 'react';
import { useLab } from '../store/lab-context';
import type { VoiceMode } from './voice-slice';
import './voice.css';

function useWavUrl(wav: ArrayBuffer | null | undefined): string | null {
  const url = useMemo(
    () => (wav ? URL.createObjectURL(new Blob([wav], { type: 'audio/wav' })) : null),
    [wav],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

export function VoiceControls() {
  const status = useLab((s) => s.voiceStatus);
  const mode = useLab((s) => s.voiceMode);
  const level = useLab((s) => s.voiceLevel);
  const recording = useLab((s) => s.recording);
  const liveTrace = useLab((s) => (s.recording?.live ? s.trace?.trace : undefined));
  const setMode = useLab((s) => s.setVoiceMode);
  const start = useLab((s) => s.startListening);
  const stop = useLab((s) => s.stopListening);
  const close = useLab((s) => s.closeRecording);
  const openFile = useLab((s) => s.openFile);
  const ready = useLab((s) => s.modelId !== null && s.catalogStatus === 'ready');
  const input = useRef<HTMLInputElement>(null);
  const url = useWavUrl(recording?.wav);
  const active = status !== 'idle';
  const steps = liveTrace?.steps ?? 0;

  const micButton =
    mode === 'push' ? (
      <button
        type="button"
        className={active ? 'voice-mic on' : 'voice-mic'}
        disabled={!ready || status === 'processing'}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          void start();
        }}
        onPointerUp={() => void stop()}
        onPointerCancel={() => void stop()}
        onKeyDown={(e) => {
          if ((e.key === 'Enter' || e.key === ' ') && !e.repeat) {
            e.preventDefault();
            e.stopPropagation();
            void start();
          }
        }}
        onKeyUp={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            e.stopPropagation();
            void stop();
          }
        }}
        title="hold while you say one digit"
        data-testid="voice-mic"
      >
        {active ? '● Recording…' : 'Hold to talk'}
      </button>
    ) : (
      <button
        type="button"
        className={active ? 'voice-mic on' : 'voice-mic'}
        disabled={!ready || status === 'processing'}
        onClick={() => void (active ? stop() : start())}
        title="listens until you have said one digit, then stops by itself"
        data-testid="voice-mic"
      >
        {active ? (status === 'speaking' ? '● Hearing you…' : '● Listening… (stop)') : 'Listen'}
      </button>
    );

  return (
    <div
      className="voice hide-in-presentation"
      data-testid="voice"
      data-status={status}
      data-live-steps={steps}
      data-live-fired={steps > 0 ? liveTrace?.firedSoFar[steps - 1] : 0}
    >
      {micButton}
      <select
        aria-label="Microphone mode"
        value={mode}
        disabled={active}
        onChange={(e) => setMode(e.target.value as VoiceMode)}
        data-testid="voice-mode"
      >
        <option value="push">push to talk</option>
        <option value="hands-free">hands-free</option>
      </select>
      <meter
        className="voice-meter"
        aria-label="Microphone level (dBFS)"
        min={-60}
        max={0}
        value={active && Number.isFinite(level) ? level : -60}
        data-testid="voice-level"
      />
      <button type="button" onClick={() => input.current?.click()} disabled={!ready} data-testid="open-wav">
        Open WAV…
      </button>
      <input
        ref={input}
        type="file"
        accept=".wav,.wave,audio/wav"
        hidden
        aria-label="WAV recording"
        data-testid="open-wav-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void openFile(file);
        }}
      />
      {recording && (
        <span className="voice-recording" data-testid="recording">
          <span className="voice-name" title={recording.name}>
            {recording.name}
          </span>
          {url && (
            <>
              {/* biome-ignore lint/a11y/useMediaCaption: a recording of one spoken digit, made or chosen by the listener */}
              <audio controls src={url} data-testid="recording-audio" />
              <a href={url} download={recording.source === 'file' ? recording.name : 'deltalab-voice.wav'}>
                Save
              </a>
            </>
          )}
          <button type="button" onClick={close} disabled={recording.live} title="back to the pack's samples">
            ✕
          </button>
        </span>
      )}
      <span
        className="voice-note muted"
        title="Recordings are analysed in this page's own workers; the page's Content-Security-Policy forbids any connection to another site, so nothing recorded leaves this browser."
      >
        recordings stay in this browser
      </span>
    </div>
  );
}

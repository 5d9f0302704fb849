// Runs the current recording through the model, as engine-sync.ts runs a pack item: a new trace when
// the recording grows (live), or the thresholds, numeric mode or model change. Another model gets
// features of its own from the recording's WAV. Latest wins, as everywhere.
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../../src/workers/api';
import { errorText, isCancelled } from '../store/engine-errors';
import type { LabState } from '../store/types';

export function connectVoice(store: StoreApi<LabState>, client: EngineClient): () => void {
  const { setState: set, getState: get } = store;
  let latest = 0;
  let latestFeatures = 0;

  const trace = (s: LabState) => {
    const rec = s.recording!;
    const id = ++latest;
    set({ traceStatus: 'loading' });
    client
      .traceFrames({
        modelId: rec.modelId,
        frames: rec.frames.frames,
        length: rec.frames.length,
        thresholds: s.thresholds!,
        mode: s.mode,
      })
      .then(
        (result) => {
          if (id !== latest || get().recording?.modelId !== rec.modelId) return;
          const last = Math.max(0, (result.trace?.steps ?? 1) - 1);
          // While the word is spoken the playhead stays on the newest frame.
          set({
            trace: result,
            traceStatus: 'ready',
            position: rec.live ? last : Math.min(get().position, last),
          });
        },
        (e) => {
          if (id !== latest || isCancelled(e)) return;
          set({ traceStatus: 'error' });
          get().notify('error', `Could not run the recording: ${errorText(e)}`);
        },
      );
  };

  const refeature = (s: LabState) => {
    const rec = s.recording!;
    const modelId = s.modelId!;
    const id = ++latestFeatures;
    client.wavFeatures(modelId, rec.wav!).then(
      (frames) => {
        if (id === latestFeatures && get().recording === rec) set({ recording: { ...rec, modelId, frames } });
      },
      (e) => {
        if (id !== latestFeatures || isCancelled(e)) return;
        set({ recording: null });
        get().notify('error', `${rec.name} does not fit this model: ${errorText(e)}`);
      },
    );
  };

  return store.subscribe((s, prev) => {
    const rec = s.recording;
    if (!rec || !s.modelId || !s.thresholds) return;
    if (rec.modelId !== s.modelId) {
      if (rec.wav && !rec.live && (rec !== prev.recording || s.modelId !== prev.modelId)) refeature(s);
      return;
    }
    if (rec !== prev.recording) set({ frames: rec.frames });
    if (
      rec !== prev.recording ||
      s.thresholds !== prev.thresholds ||
      s.mode !== prev.mode ||
      s.modelId !== prev.modelId
    ) {
      trace(s);
    }
  });
}

// Keeps the engine's answers in step with the selection: a new trace when the item or thresholds
// change, a new test-set evaluation when thresholds change. Requests are latest-wins.
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../../src/workers/api';
import { connectHeatmap } from '../heatmap/heatmap-sync';
import { connectStepTiming } from '../timing/timing-sync';
import { connectVoice } from '../voice/voice-sync';
import { errorText, isCancelled } from './engine-errors';
import type { LabState } from './types';

type Job<T> = (s: LabState) => Promise<T>;

/** Runs a job so that only the newest call's answer is applied; a cancelled newest call is retried once. */
function latestWins<T>(
  store: StoreApi<LabState>,
  job: Job<T>,
  apply: (result: T) => void,
  fail: (message: string) => void,
) {
  let latest = 0;
  const run = (s: LabState, retry: boolean) => {
    const id = ++latest;
    job(s).then(
      (result) => {
        if (id === latest) apply(result);
      },
      (e) => {
        if (id !== latest) return;
        if (isCancelled(e)) {
          // Something outside this request (cancel of a sweep) stopped it; ask again with the current state.
          if (retry) run(store.getState(), false);
          return;
        }
        fail(errorText(e));
      },
    );
  };
  return (s: LabState) => run(s, true);
}

export function connectEngine(store: StoreApi<LabState>, client: EngineClient): () => void {
  const { setState: set, getState: get } = store;

  const trace = latestWins(
    store,
    (s) =>
      client.trace({
        modelId: s.modelId!,
        packId: s.packId!,
        itemIndex: s.itemIndex,
        thresholds: s.thresholds!,
        mode: s.mode,
      }),
    (result) => {
      // A recording took the sample's place while this ran (voice-sync.ts traces that).
      if (get().recording) return;
      const last = Math.max(0, (result.trace?.steps ?? 1) - 1);
      set({ trace: result, traceStatus: 'ready', position: Math.min(get().position, last) });
    },
    (message) => {
      set({ traceStatus: 'error' });
      get().notify('error', `Could not run the sequence: ${message}`);
    },
  );

  const frames = latestWins(
    store,
    (s) => client.itemFrames(s.packId!, s.itemIndex),
    (result) => {
      if (!get().recording) set({ frames: result });
    },
    (message) => get().notify('error', `Could not read the sample's features: ${message}`),
  );

  const evaluate = latestWins(
    store,
    (s) =>
      client.evaluate(
        { modelId: s.modelId!, packId: s.packId!, thresholds: s.thresholds!, mode: s.mode },
        (done, total) => set({ evalProgress: { done, total } }),
      ),
    (result) => set({ evaluation: result, evalStatus: 'ready', evalProgress: null }),
    (message) => {
      set({ evalStatus: 'error', evalProgress: null });
      get().notify('error', `Could not evaluate the test set: ${message}`);
    },
  );

  const stopVoice = connectVoice(store, client);
  const stopHeatmap = connectHeatmap(store);
  const stopTiming = connectStepTiming(store, client);
  const stopEngine = store.subscribe((s, prev) => {
    if (!s.modelId || !s.packId || !s.thresholds) return;
    const itemChanged =
      s.modelId !== prev.modelId || s.packId !== prev.packId || s.itemIndex !== prev.itemIndex;
    // The same model quantized again (own-model): new codes, so new frames, trace and evaluation.
    const requantized = s.modelId === prev.modelId && s.models[s.modelId] !== prev.models[s.modelId];
    const settingChanged = s.thresholds !== prev.thresholds || s.mode !== prev.mode || requantized;
    // Choosing a pack sample leaves the recording; leaving it brings the sample back.
    const sampleChosen = s.packId !== prev.packId || s.itemIndex !== prev.itemIndex;
    if (s.recording && sampleChosen) {
      set({ recording: null });
      return;
    }
    const left = prev.recording !== null && s.recording === null;
    if (s.recording) {
      if (s.modelId !== prev.modelId || s.packId !== prev.packId || settingChanged) {
        set({ evalStatus: 'loading' });
        evaluate(s);
      }
      return;
    }
    if (sampleChosen || left || requantized) {
      set({ frames: null });
      frames(s);
    }
    if (itemChanged || settingChanged || left) {
      set({ traceStatus: 'loading' });
      trace(s);
    }
    if (s.modelId !== prev.modelId || s.packId !== prev.packId || settingChanged) {
      set({ evalStatus: 'loading' });
      evaluate(s);
    }
  });
  return () => {
    stopEngine();
    stopVoice();
    stopHeatmap();
    stopTiming();
  };
}

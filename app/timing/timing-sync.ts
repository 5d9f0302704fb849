// Measures the current sample's time per step once its trace is in and the test-set evaluation is
// done (so the measurement neither waits behind nor slows that work; the heatmap waits for it too).
// A new sample, setting or arithmetic makes the figure stale until it is measured again; recordings
// and views without the cost meter (lab-grid-shown.ts) are not timed.
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient, TraceRequest } from '../../src/workers/api';
import { isCancelled } from '../store/engine-errors';
import type { LabState } from '../store/types';
import { labGridShown } from './lab-grid-shown';

export function timingRequest(s: LabState): TraceRequest | null {
  if (!s.modelId || !s.packId || !s.thresholds || s.recording || !labGridShown(s)) return null;
  return {
    modelId: s.modelId,
    packId: s.packId,
    itemIndex: s.itemIndex,
    thresholds: s.thresholds,
    mode: s.mode,
  };
}

const sameRequest = (a: TraceRequest | null, b: TraceRequest | null) =>
  a !== null &&
  b !== null &&
  a.modelId === b.modelId &&
  a.packId === b.packId &&
  a.itemIndex === b.itemIndex &&
  a.thresholds === b.thresholds &&
  a.mode === b.mode;

export function connectStepTiming(store: StoreApi<LabState>, client: EngineClient): () => void {
  let measured: TraceRequest | null = null;
  let asked: TraceRequest | null = null;
  let retried: TraceRequest | null = null;
  const check = (s: LabState) => {
    const req = timingRequest(s);
    if (sameRequest(req, measured) || sameRequest(req, asked)) return;
    if (!req) {
      if (s.stepTimingStatus === 'loading')
        store.setState({ stepTimingStatus: s.stepTiming ? 'ready' : 'idle' });
      return;
    }
    if (s.traceStatus !== 'ready' || s.evalStatus === 'loading') {
      if (s.stepTimingStatus !== 'loading') store.setState({ stepTimingStatus: 'loading' });
      return;
    }
    asked = req;
    store.setState({ stepTimingStatus: 'loading' });
    client.timeSteps(req).then(
      (timing) => {
        if (asked !== req) return;
        measured = req;
        asked = null;
        store.setState({ stepTiming: timing, stepTimingStatus: 'ready' });
      },
      (e) => {
        if (asked !== req) return;
        asked = null;
        if (isCancelled(e) && retried !== req) {
          // Stopped from outside (cancelAll): ask once more for the same setting.
          retried = req;
          check(store.getState());
          return;
        }
        // The meter says "not measured"; the figures it sits beside do not depend on this.
        store.setState({ stepTimingStatus: 'error' });
      },
    );
  };
  return store.subscribe((s) => check(s));
}

// Measures the current sample's time per step once its trace is in and the test-set evaluation is
// done (so the measurement neither waits behind nor slows that work). A new sample, setting or
// arithmetic makes the figure stale until it is measured again; recordings are not timed.
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient, TraceRequest } from '../../src/workers/api';
import { isCancelled } from '../store/engine-errors';
import type { LabState } from '../store/types';

function requestOf(s: LabState): TraceRequest | null {
  if (!s.modelId || !s.packId || !s.thresholds || s.recording || s.task === 'driving') return null;
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
  return store.subscribe((s) => {
    const req = requestOf(s);
    if (sameRequest(req, measured) || sameRequest(req, asked)) return;
    if (s.stepTimingStatus !== 'loading' && s.stepTiming) store.setState({ stepTimingStatus: 'loading' });
    if (!req || s.traceStatus !== 'ready' || s.evalStatus === 'loading') return;
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
        // A newer request or cancelAll stopped it: the next change asks again.
        if (isCancelled(e)) return;
        // The meter says "not measured"; the figures it sits beside do not depend on this.
        store.setState({ stepTimingStatus: 'error' });
      },
    );
  });
}

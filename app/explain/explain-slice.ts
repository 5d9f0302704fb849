// The guided explanation's place: which step is open (1-based, as in the link), or none.
import type { InputChanges } from '../../src/workers/api';
import type { Slice } from '../store/types';

/** Steps of the explanation (app/explain/steps.tsx has one entry for each). */
export const EXPLAIN_STEPS = 7;

export interface ExplainSlice {
  explainStep: number | null;
  /** Step 3: the sample's frames and changes, and a driving clip's, from the engine (changes-sync.ts). */
  sampleChanges: InputChanges | null;
  drivingChanges: InputChanges | null;
  setExplainStep(step: number | null): void;
}

export const createExplainSlice: Slice<ExplainSlice> = (set) => ({
  explainStep: null,
  sampleChanges: null,
  drivingChanges: null,
  setExplainStep: (step) =>
    set({ explainStep: step === null ? null : Math.min(EXPLAIN_STEPS, Math.max(1, Math.round(step))) }),
});

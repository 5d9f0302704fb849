// The guided explanation's place: which step is open (1-based, as in the link), or none.
import type { Slice } from '../store/types';

/** Steps of the explanation (app/explain/steps.tsx has one entry for each). */
export const EXPLAIN_STEPS = 7;

export interface ExplainSlice {
  explainStep: number | null;
  setExplainStep(step: number | null): void;
}

export const createExplainSlice: Slice<ExplainSlice> = (set) => ({
  explainStep: null,
  setExplainStep: (step) =>
    set({ explainStep: step === null ? null : Math.min(EXPLAIN_STEPS, Math.max(1, Math.round(step))) }),
});

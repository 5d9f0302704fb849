// The measured wall-clock time per step of the dense and the delta GRU on the current sample, as a
// worker measured it in this browser (timing-sync.ts asks for it); the cost meter only draws it.
import type { StepTiming } from '../../src/workers/api';
import type { Slice, Status } from '../store/types';

export interface StepTimingSlice {
  stepTiming: StepTiming | null;
  stepTimingStatus: Status;
}

export const createStepTimingSlice: Slice<StepTimingSlice> = () => ({
  stepTiming: null,
  stepTimingStatus: 'idle',
});

// What the engine computed for the current selection (filled by engine-sync.ts).
import type { ResultsSlice, Slice } from './types';

export const createResultsSlice: Slice<ResultsSlice> = () => ({
  trace: null,
  traceStatus: 'idle',
  frames: null,
  evaluation: null,
  evalStatus: 'idle',
  evalProgress: null,
});

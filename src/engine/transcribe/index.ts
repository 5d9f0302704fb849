// Decoding per-frame (CTC) outputs as they come: trace transcripts, and always-on listening.
export {
  createListener,
  type ListenBatch,
  type Listener,
  type ListenerOptions,
  type ListenTotals,
} from './listener';
export { createRateMeter, type RateMeter } from './rate-meter';
export { type TraceTranscript, transcribeFrames } from './trace-transcript';

// Connected-digit (CTC) decoding and its error rate.
export { countErrors, type ErrorCount, editDistance, errorRate } from './edit-distance';
export { checkCtcModel, ctcBlank, frameClassesInto } from './frame-classes';
export { type GreedyStream, greedyDecode, greedyStream, rowArgmax } from './greedy';

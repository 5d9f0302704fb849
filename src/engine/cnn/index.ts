// The CNN front end of the driving models: pixels to the features the delta-GRU reads.
export { cnnFeatureSequence } from './clip';
export { type CnnCost, type CnnLayerCost, cnnCostPerFrame } from './cost';
export { createDeltaCnn, type DeltaCnn, deltaCnnStep, resetDeltaCnn } from './delta';
export { Q2_5, quantizeFeatures } from './features';
export {
  type CnnSaturations,
  type CompiledCnn,
  cnnActivationsFixed,
  cnnForwardFixed,
  compileCnn,
} from './fixed';
export { cnnActivationsFloat, cnnForwardFloat } from './float';
export {
  CNN_INPUT_FRAC,
  CNN_LIMITS,
  CnnSpecError,
  checkCnn,
  cnnShapes,
  cnnSpecOf,
  featureCount,
  featureFrac,
  outFracs,
  shapeSize,
  weightCounts,
} from './shapes';
export type * from './types';

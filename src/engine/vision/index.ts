// Pixels through the CNN front end and the delta-GRU: a closed-loop stepper and the whole network's cost.
export { createPixelStepper, type PixelStep, type PixelStepper } from './stepper';
export { type WholeNetworkCost, wholeNetworkCost } from './whole-cost';

// The figures of a model with a CNN front end (driving) beside the GRU's (DESIGN.md section 3): the
// CNN's cost per frame and the whole network's speedup, as the engine's wholeNetworkCost gives them.
import { cnnCostPerFrame } from '../../src/engine/cnn';
import type { EvalResult, Model } from '../../src/engine/types';
import { wholeNetworkCost } from '../../src/engine/vision';
import type { Row } from './format';

export function wholeNetworkFields(model: Model, r: EvalResult): Row {
  if (!model.cnn) return {};
  const w = wholeNetworkCost(cnnCostPerFrame(model.cnn), r.costs);
  return {
    cnnMacsPerFrame: w.cnnMacs,
    cnnMemoryAccessesPerFrame: w.cnnMemory,
    gruDenseCostPerFrame: w.gruDenseCost,
    gruDeltaCostPerFrame: w.gruDeltaCost,
    wholeDenseCostPerFrame: w.wholeDenseCost,
    wholeDeltaCostPerFrame: w.wholeDeltaCost,
    wholeSpeedup: w.wholeSpeedup,
    cnnShare: w.cnnShare,
  };
}

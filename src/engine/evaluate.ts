// Data-set evaluation: accuracy or RMSE plus every cost figure for one threshold setting, in a form
// that merges exactly when a worker pool splits the items.
import type { CompiledModel } from './compile';
import { checkPack, type EvalOptions, evaluateRange, itemRange, ticker } from './eval-core';
import { scratchFor } from './scratch';
import { setThresholds } from './thresholds';
import type { EvalResult, SamplePack, Thresholds } from './types';

export { type EvalOptions, mergeEvalResults } from './eval-core';
export { curvePoint, finishSweep, type GridPoint, sweepPack, sweepPackPartial } from './sweep';
export { uniformThresholds } from './thresholds';

export function evaluatePack(
  cm: CompiledModel,
  pack: SamplePack,
  th: Thresholds,
  opts: EvalOptions = {},
): EvalResult {
  checkPack(cm, pack);
  const [from, to] = itemRange(pack, opts);
  const sc = scratchFor(cm, opts.scratch);
  setThresholds(sc, th);
  const result = evaluateRange(sc, pack, from, to, ticker(opts, to - from));
  opts.onProgress?.(to - from, to - from);
  return result;
}

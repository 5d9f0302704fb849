// Whether the page shows the lab's main grid (cost meter, trade-off panel): not the explanation, the
// driving or connected-digits views, nor an embedded single view. Background work for those panels
// (the heatmap, the step timing) runs only then.
import { isCtcState } from '../connected/is-ctc';
import type { LabState } from '../store/types';

export const labGridShown = (s: LabState): boolean =>
  s.embed === null && s.task !== 'driving' && s.explainStep === null && !isCtcState(s);

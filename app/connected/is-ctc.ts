// Whether the current model decodes per frame (a CTC task: connected digits).
import type { LabState } from '../store/types';

export const isCtcState = (s: LabState): boolean => {
  const task = s.modelId ? s.models[s.modelId]?.task : undefined;
  return task?.kind === 'classification' && task.ctc !== undefined;
};

// Words for what the task's samples are, from the model's own metadata (never assumed to be digits).
import type { TaskMeta } from '../../src/engine/types';

/** The picker's name for a class: the digits' features are log-mel speech, so their classes are digits. */
export function classWord(task: TaskMeta | undefined, featureKind: string | undefined): string {
  if (task?.kind !== 'classification') return 'Label';
  return featureKind === 'logmel' && task.classNames.length === 10 ? 'Digit' : 'Class';
}

const INPUT_NAMES: Record<string, string> = {
  logmel: 'log-mel spectrogram',
  'synthetic-example': 'synthetic bands',
};

/** The input panel's title. */
export function inputWord(featureKind: string | undefined): string {
  return INPUT_NAMES[featureKind ?? ''] ?? 'input features';
}

const TASK_NAMES: Record<string, string> = { connected: 'connected digits' };

/** The task picker's name for a manifest task id (the id itself unless it needs words). */
export function taskWord(task: string): string {
  return TASK_NAMES[task] ?? task;
}

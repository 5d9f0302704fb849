// Which task metric the chart, the cost meter and the exports show: accuracy (classification),
// RMSE (regression) or the digit error rate (CTC: edit distance over reference length, lower is better).
import type { TaskMeta } from '../../src/engine/types';

export type TaskMetric = 'accuracy' | 'rmse' | 'errorRate';

export function metricFor(task: TaskMeta | undefined): TaskMetric {
  if (task?.kind === 'regression') return 'rmse';
  return task?.ctc ? 'errorRate' : 'accuracy';
}

/** The figure of a curve point or an evaluation, undefined when it has none. */
export function metricOf(
  r: { accuracy?: number; rmse?: number; errorRate?: number },
  metric: TaskMetric,
): number | undefined {
  return r[metric];
}

export const METRIC_LABELS: Record<TaskMetric, string> = {
  accuracy: 'accuracy',
  rmse: 'RMSE',
  errorRate: 'digit error rate',
};

/** Accuracy and error rates are shares (shown in %); RMSE is in the task's units. */
export function isShare(metric: TaskMetric): boolean {
  return metric !== 'rmse';
}

// Limits and cross-field consistency shared by models and packs (after the zod schema has passed).
import type { FixedPointSpec, QFormat, TaskMeta } from '../types';
import { FormatError } from './errors';
import { LIMITS } from './limits';

export function checkDim(value: number, max: number, label: string, min = 1): void {
  if (value < min || value > max) {
    throw new FormatError('absurd-dimension', `${label} is ${value}, allowed ${min}..${max}`);
  }
}

export function checkQFormat(q: QFormat, label: string): void {
  if (1 + q.intBits + q.fracBits !== 8) {
    throw new FormatError(
      'inconsistent',
      `${label} Q${q.intBits}.${q.fracBits}: 1 + ${q.intBits} + ${q.fracBits} must be 8 (signed 8-bit)`,
    );
  }
}

export function checkFixedPoint(fp: FixedPointSpec): void {
  checkQFormat(fp.activation, 'fixedPoint.activation');
  checkDim(fp.weightFrac, fp.weightBits, 'fixedPoint.weightFrac', 0);
  checkDim(fp.accumulatorBits, 32, 'fixedPoint.accumulatorBits', 16);
  checkDim(fp.gateFrac, 16, 'fixedPoint.gateFrac', 1);
  checkDim(fp.tableInputFrac, 16, 'fixedPoint.tableInputFrac', 0);
  const entries = 2 * fp.tableInputRange * 2 ** fp.tableInputFrac;
  if (!Number.isInteger(entries) || entries > LIMITS.maxTableEntries) {
    throw new FormatError(
      'absurd-dimension',
      `fixedPoint table of 2*${fp.tableInputRange}*2^${fp.tableInputFrac} entries: must be a whole number <= ${LIMITS.maxTableEntries}`,
    );
  }
}

/** Checks class or output names and returns the number of readout outputs the task needs. */
export function checkTask(task: TaskMeta): number {
  if (task.kind === 'classification') {
    const n = task.classNames.length;
    checkDim(n, LIMITS.maxOutputs, 'task.classNames count', 2);
    if (task.ctc && task.ctc.blank >= n) {
      throw new FormatError(
        'inconsistent',
        `task.ctc.blank ${task.ctc.blank} is not one of the ${n} classes`,
      );
    }
    return n;
  }
  checkDim(task.outputNames.length, LIMITS.maxOutputs, 'task.outputNames count');
  return task.outputNames.length;
}

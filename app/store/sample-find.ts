// Finding pack items: by digit/speaker/take, and the next one the model gets wrong.
import type { SampleItem } from '../../src/engine/types';

export interface SampleQuery {
  label: number;
  speaker?: string;
  take?: number;
}

/** The item matching all fields, else the closest (same label and speaker, then same label), else -1. */
export function findItem(items: SampleItem[], q: SampleQuery): number {
  const exact = items.findIndex(
    (it) => it.label === q.label && it.speaker === q.speaker && it.take === q.take,
  );
  if (exact >= 0) return exact;
  const speaker = items.findIndex((it) => it.label === q.label && it.speaker === q.speaker);
  if (speaker >= 0) return speaker;
  return items.findIndex((it) => it.label === q.label);
}

/** Index of the next misclassified item after `from`, wrapping around; -1 when every item is right. */
export function nextWrong(items: SampleItem[], predictions: Int32Array, from: number): number {
  const n = Math.min(items.length, predictions.length);
  for (let k = 1; k <= n; k++) {
    const i = (from + k) % n;
    if (predictions[i] !== items[i].label) return i;
  }
  return -1;
}

export function unique<T>(values: (T | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== undefined))];
}

// Writing label sequences as text: class names joined by spaces ("3 1 4"), an em dash for none.
export function digitsText(labels: readonly number[], classNames: readonly string[]): string {
  return labels.length === 0 ? '—' : labels.map((l) => classNames[l] ?? String(l)).join(' ');
}

/** The labels a trace's frames emitted up to and including frame `step` (-1: none emitted there). */
export function emittedUpTo(emitted: ArrayLike<number>, step: number): number[] {
  const out: number[] = [];
  for (let t = 0; t <= Math.min(step, emitted.length - 1); t++) if (emitted[t] >= 0) out.push(emitted[t]);
  return out;
}

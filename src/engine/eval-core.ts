// The shared pieces of data-set evaluation and sweeps: running an item range into additive parts,
// and the one function that turns those parts (whole or merged) into an EvalResult.
import type { CompiledModel } from './compile';
import { addCounters, computeFigures, countersOf, zeroCounters } from './costs';
import {
  ctcBlank,
  type ErrorCount,
  editDistance,
  errorRate,
  frameClassesInto,
  greedyDecode,
} from './ctc/index';
import { CancelledError } from './errors';
import { argmax } from './readout';
import { resetCounters, type Scratch } from './scratch';
import { runInto } from './sequence';
import type { CostCounters, EvalResult, SamplePack, TaskMeta } from './types';

export interface EvalOptions {
  /** Item range [from, to); the whole pack by default. */
  from?: number;
  to?: number;
  onProgress?: (done: number, total: number) => void;
  /** Polled between items; true makes the evaluation throw CancelledError. */
  shouldStop?: () => boolean;
  scratch?: Scratch;
}

/** Throws unless the pack's frames can feed this model. */
export function checkPack(cm: CompiledModel, pack: SamplePack): void {
  if (pack.inputSize !== cm.inputSize) {
    throw new RangeError(`pack frames have ${pack.inputSize} features, the model takes ${cm.inputSize}`);
  }
  const a = pack.activation;
  const m = cm.model.fixedPoint.activation;
  if (a.fracBits !== m.fracBits || a.intBits !== m.intBits) {
    throw new RangeError(`pack is in Q${a.intBits}.${a.fracBits}, the model in Q${m.intBits}.${m.fracBits}`);
  }
  if (cm.model.task.kind === 'regression' && !pack.targets) {
    throw new RangeError('a regression pack needs targets');
  }
  if (ctcBlank(cm) !== null && cm.model.outputAt !== 'every') {
    throw new RangeError("a CTC model reads out at every step (outputAt 'every')");
  }
}

/** The item range of opts, checked against the pack. */
export function itemRange(pack: SamplePack, opts: EvalOptions): [number, number] {
  const from = opts.from ?? 0;
  const to = opts.to ?? pack.items.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > pack.items.length) {
    throw new RangeError(`bad item range [${from}, ${to}) for ${pack.items.length} items`);
  }
  return [from, to];
}

/**
 * Builds an EvalResult from its additive parts; the one place figures are derived from them. CTC
 * models (`ctc` given) report edits and an error rate in place of accuracy.
 */
export function finish(
  kind: TaskMeta['kind'],
  predictions: Int32Array,
  correct: number,
  itemSqError: Float64Array,
  sqCount: number,
  costs: CostCounters,
  ctc: ErrorCount | null = null,
): EvalResult {
  const n = predictions.length;
  const r: EvalResult = { n, predictions, costs, figures: computeFigures(costs) };
  if (ctc) {
    r.edits = ctc.edits;
    r.refLength = ctc.refLength;
    if (n > 0) r.errorRate = errorRate(ctc);
  } else if (kind === 'classification') {
    r.correct = correct;
    if (n > 0) r.accuracy = correct / n;
  } else {
    let sum = 0;
    for (let k = 0; k < itemSqError.length; k++) sum += itemSqError[k];
    r.itemSqError = itemSqError;
    r.sqCount = sqCount;
    if (sqCount > 0) r.rmse = Math.sqrt(sum / sqCount);
  }
  return r;
}

/**
 * Evaluates items [from, to) in sc (thresholds already set), calling tick() before each item
 * (progress and cancellation live with the caller).
 */
export function evaluateRange(
  sc: Scratch,
  pack: SamplePack,
  from: number,
  to: number,
  tick: () => void,
): EvalResult {
  const cm = sc.cm;
  const kind = cm.model.task.kind;
  const predictions = new Int32Array(to - from);
  const itemSqError = new Float64Array(kind === 'regression' ? to - from : 0);
  let correct = 0;
  let sqCount = 0;
  const blank = ctcBlank(cm);
  const ctc: ErrorCount | null = blank === null ? null : { edits: 0, refLength: 0 };
  let classes = new Int32Array(0);
  resetCounters(sc);
  for (let k = from; k < to; k++) {
    tick();
    const item = pack.items[k];
    if (ctc && blank !== null) {
      if (classes.length < item.length) classes = new Int32Array(item.length);
      frameClassesInto(sc, pack.frames, item.offset, item.length, classes);
      const ref = item.labels ?? [];
      ctc.edits += editDistance(ref, greedyDecode(classes.subarray(0, item.length), blank));
      ctc.refLength += ref.length;
      predictions[k - from] = -1;
      continue;
    }
    runInto(sc, pack.frames, item.offset, item.length, pack.targets, null);
    if (kind === 'classification') {
      const p = argmax(sc.output);
      predictions[k - from] = p;
      if (p === item.label) correct++;
    } else {
      predictions[k - from] = -1;
      itemSqError[k - from] = sc.sqError;
      sqCount += sc.sqCount;
    }
  }
  return finish(kind, predictions, correct, itemSqError, sqCount, countersOf(cm, sc.layers), ctc);
}

/** A tick that reports progress and throws CancelledError when asked to stop. */
export function ticker(opts: EvalOptions, total: number): () => void {
  let done = -1;
  return () => {
    done++;
    if (done > 0) opts.onProgress?.(done, total);
    if (opts.shouldStop?.()) throw new CancelledError();
  };
}

/** Merges results of consecutive item ranges (in item order) into the result of the whole range. */
export function mergeEvalResults(parts: EvalResult[], taskKind: TaskMeta['kind']): EvalResult {
  if (parts.length === 0) throw new RangeError('mergeEvalResults needs at least one part');
  const costs = zeroCounters(parts[0].costs.layers.length);
  for (const p of parts) addCounters(costs, p.costs);
  const n = parts.reduce((s, p) => s + p.n, 0);
  const predictions = new Int32Array(n);
  const itemSqError = new Float64Array(taskKind === 'regression' ? n : 0);
  let at = 0;
  for (const p of parts) {
    predictions.set(p.predictions, at);
    if (taskKind === 'regression') itemSqError.set(p.itemSqError ?? new Float64Array(p.n), at);
    at += p.n;
  }
  const correct = parts.reduce((s, p) => s + (p.correct ?? 0), 0);
  const sqCount = parts.reduce((s, p) => s + (p.sqCount ?? 0), 0);
  const ctc = parts.every((p) => p.edits !== undefined)
    ? {
        edits: parts.reduce((s, p) => s + (p.edits ?? 0), 0),
        refLength: parts.reduce((s, p) => s + (p.refLength ?? 0), 0),
      }
    : null;
  return finish(taskKind, predictions, correct, itemSqError, sqCount, costs, ctc);
}

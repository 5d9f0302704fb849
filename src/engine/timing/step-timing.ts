// Wall-clock time per step of the dense GRU and of the delta GRU on one sequence, measured where the
// engine runs (a worker in the user's browser), for the cost meter beside the theoretical speedup.
// The clock is passed in so the engine stays free of I/O; nothing here depends on a browser.
import type { CompiledModel } from '../compile';
import { runDenseSequence } from '../dense';
import type { Frames } from '../frame';
import { createScratch, resetCounters, type Scratch } from '../scratch';
import { runInto } from '../sequence';
import { setThresholds } from '../thresholds';
import type { Thresholds } from '../types';
import { kernelsFor } from '../wasm/run';

export interface StepTiming {
  /** Median wall-clock microseconds per step over the rounds. */
  denseUsPerStep: number;
  deltaUsPerStep: number;
  /** denseUsPerStep / deltaUsPerStep: the wall-clock speedup of the figures shown beside it. */
  measuredSpeedup: number;
  rounds: number;
  /** Sequence runs per timed measurement (a short sequence is repeated to rise above the clock's resolution). */
  repeats: number;
  steps: number;
  /** Which kernels ran: WebAssembly SIMD, or the TypeScript engine (float mode, no WASM SIMD). */
  kernel: 'wasm' | 'typescript';
}

export interface StepTimingOptions {
  /** Milliseconds, monotonic (performance.now). */
  now: () => number;
  /** Stop starting rounds after this much time (default 80 ms). */
  budgetMs?: number;
  /** One timed measurement lasts at least this long (default 2 ms: browsers coarsen the clock to 0.1 ms). */
  minSampleMs?: number;
  minRounds?: number;
  maxRounds?: number;
  offset?: number;
  scratch?: Scratch;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times frames [offset, offset + length) through the dense step and through the delta step at `th`,
 * in interleaved rounds (the order alternates per round, so a slow moment hurts both alike).
 */
export function measureStepTime(
  cm: CompiledModel,
  th: Thresholds,
  frames: Frames,
  length: number,
  opts: StepTimingOptions,
): StepTiming {
  if (!Number.isInteger(length) || length < 1) throw new RangeError('timing needs at least one step');
  const { now } = opts;
  const offset = opts.offset ?? 0;
  const budget = opts.budgetMs ?? 80;
  const minSample = opts.minSampleMs ?? 2;
  const minRounds = opts.minRounds ?? 5;
  const maxRounds = opts.maxRounds ?? 15;
  const sc = opts.scratch ?? createScratch(cm);
  const dense = () => runDenseSequence(cm, frames, length, { record: false, scratch: sc, offset });
  const delta = () => {
    resetCounters(sc);
    runInto(sc, frames, offset, length, undefined, null);
  };
  setThresholds(sc, th);
  const timed = (run: () => unknown, repeats: number) => {
    const t0 = now();
    for (let k = 0; k < repeats; k++) run();
    return now() - t0;
  };
  // Warm up both paths (compilation, kernel instance), then size the repeats on the faster one.
  dense();
  delta();
  let repeats = 1;
  while (repeats < 1 << 20 && Math.min(timed(dense, repeats), timed(delta, repeats)) < minSample)
    repeats *= 2;
  const start = now();
  const denseMs: number[] = [];
  const deltaMs: number[] = [];
  for (let r = 0; r < maxRounds && (r < minRounds || now() - start < budget); r++) {
    let a: number;
    let b: number;
    if (r % 2 === 0) {
      a = timed(dense, repeats);
      b = timed(delta, repeats);
    } else {
      b = timed(delta, repeats);
      a = timed(dense, repeats);
    }
    denseMs.push(a);
    deltaMs.push(b);
  }
  const perStep = (ms: number[]) => (median(ms) * 1000) / (repeats * length);
  const denseUs = perStep(denseMs);
  const deltaUs = perStep(deltaMs);
  return {
    denseUsPerStep: denseUs,
    deltaUsPerStep: deltaUs,
    measuredSpeedup: denseUs / Math.max(deltaUs, 1e-9),
    rounds: denseMs.length,
    repeats,
    steps: length,
    kernel: kernelsFor(cm) ? 'wasm' : 'typescript',
  };
}

// One shape of the peer benchmark, the same in Node and in the Chromium page: every float peer is
// checked against our float engine (refused above TOLERANCE), our rows against the TypeScript engine,
// then all are timed in interleaved rounds, both calling modes, and reported as flat rows.
import { compileModel } from '../../src/engine/compile';
import { runDenseSequence } from '../../src/engine/dense';
import { createScratch } from '../../src/engine/scratch';
import { runSequence } from '../../src/engine/sequence';
import type { Model, Thresholds } from '../../src/engine/types';
import { setWasmKernels } from '../../src/engine/wasm/module';
import { deltalabPeer, type Item, type Peer, type Runtime } from './peers';

export const TOLERANCE = 1e-4;

export type PeerEnv = 'node' | 'chromium';
export type CallMode = 'sequence' | 'frame';

/** One row of bench/results/peers.json (the file is a flat array of these). */
export interface PeerRow {
  runtime: Runtime;
  env: PeerEnv;
  /** A whole sequence per call (offline evaluation) or one call per frame (streaming). */
  mode: CallMode;
  layers: number;
  inputSize: number;
  hiddenSize: number;
  occupancy: number;
  usPerStep: number;
  usPerStepMin: number;
  usPerStepMax: number;
  maxAbsDiff: number;
}

export interface ShapeInput {
  name: string;
  model: Model;
  /** What the dense runtimes (and the check) run. */
  items: Item[];
  /** Delta settings with their measured occupancy (all layers). */
  deltas: { variant: string; th: Thresholds; items: Item[]; occupancy: number }[];
}

/** A float peer and what must run before each use of it (TensorFlow.js: select its backend). */
export interface FloatPeer {
  peer: Peer;
  select?: () => Promise<void>;
}

export function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

/** Our float engine's top-layer h at every step: what every float peer must reproduce. */
function floatTopH(model: Model, it: Item): Float32Array {
  const r = runDenseSequence(compileModel(model, 'float'), it.real, it.T);
  return r.h[r.h.length - 1];
}

/** Our rows: the readout after each item, WebAssembly against the TypeScript engine (0: identical). */
function kernelDiff(model: Model, items: Item[], th: Thresholds, dense: boolean): number {
  const cm = compileModel(model, 'fixed');
  const sc = createScratch(cm);
  const run = (wasm: boolean) => {
    setWasmKernels(wasm);
    const out = items.flatMap((it) =>
      Array.from(
        dense
          ? runDenseSequence(cm, it.codes, it.T, { record: false, scratch: sc }).output
          : runSequence(cm, th, it.codes, it.T, { scratch: sc }).output,
      ),
    );
    setWasmKernels(true);
    return out;
  };
  return maxDiff(run(false), run(true));
}

async function timeOnce(f: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/**
 * One timed measurement lasts at least this long (the call repeated): browsers coarsen
 * performance.now() to 0.1 ms, and a sequence of our delta GRU can take less than that.
 */
const MIN_SAMPLE_MS = 5;

interface Timed {
  /** Calls per measurement, per calling mode. */
  reps: { seq: number; frame: number };
  peer: Peer;
  select?: () => Promise<void>;
  occupancy: number;
  maxAbsDiff: number;
  items: Item[];
  seq: number[];
  frame: number[];
}

export async function benchShape(
  shape: ShapeInput,
  floats: FloatPeer[],
  rounds: number,
  env: PeerEnv,
  skipped: string[],
  log: (s: string) => void,
): Promise<PeerRow[]> {
  const timed: Timed[] = [];
  const add = (t: Omit<Timed, 'seq' | 'frame' | 'reps'>) =>
    timed.push({ ...t, seq: [], frame: [], reps: { seq: 1, frame: 1 } });
  const checkItems = shape.items.slice(0, 3);
  for (const f of floats) {
    await f.select?.();
    let diff = 0;
    try {
      for (const it of checkItems)
        diff = Math.max(diff, maxDiff(await f.peer.topH!(it), floatTopH(shape.model, it)));
    } catch (e) {
      skipped.push(`${f.peer.runtime} (${env}) on ${shape.name}: failed to run (${String(e)})`);
      continue;
    }
    if (!(diff <= TOLERANCE)) {
      skipped.push(
        `${f.peer.runtime} (${env}) on ${shape.name}: outputs differ from our float engine by ${diff} > ${TOLERANCE}`,
      );
      continue;
    }
    add({ peer: f.peer, select: f.select, items: shape.items, occupancy: 1, maxAbsDiff: diff });
  }
  const cm = compileModel(shape.model, 'fixed');
  const zero = shape.deltas[0].th;
  add({
    peer: deltalabPeer('deltalab-ts-dense', '', cm, zero, true, false),
    items: shape.items,
    occupancy: 1,
    maxAbsDiff: 0,
  });
  add({
    peer: deltalabPeer('deltalab-wasm-dense', '', cm, zero, true, true),
    items: shape.items,
    occupancy: 1,
    maxAbsDiff: kernelDiff(shape.model, shape.items, zero, true),
  });
  for (const d of shape.deltas) {
    add({
      peer: deltalabPeer('deltalab-wasm-delta', d.variant, cm, d.th, false, true),
      items: d.items,
      occupancy: d.occupancy,
      maxAbsDiff: kernelDiff(shape.model, d.items, d.th, false),
    });
  }
  // Warm up, and size each measurement's repeats from the warm-up's time.
  const reps = (ms: number) => Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(ms, 1e-3)));
  for (const t of timed) {
    await t.select?.();
    await t.peer.sequence(t.items);
    await t.peer.frames(t.items);
    t.reps.seq = reps(await timeOnce(() => t.peer.sequence(t.items)));
    t.reps.frame = reps(await timeOnce(() => t.peer.frames(t.items)));
  }
  const repeated = (n: number, f: () => Promise<void> | void) => async () => {
    for (let k = 0; k < n; k++) await f();
  };
  // Interleaved rounds, rotating the order and alternating the two calling modes.
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < timed.length; k++) {
      const t = timed[(k + r) % timed.length];
      await t.select?.();
      const steps = t.items.reduce((s, it) => s + it.T, 0);
      const { seq: ns, frame: nf } = t.reps;
      const a = async () =>
        t.seq.push((1000 * (await timeOnce(repeated(ns, () => t.peer.sequence(t.items))))) / (steps * ns));
      const b = async () =>
        t.frame.push((1000 * (await timeOnce(repeated(nf, () => t.peer.frames(t.items))))) / (steps * nf));
      if (r % 2) {
        await b();
        await a();
      } else {
        await a();
        await b();
      }
    }
  }
  const L = shape.model.layers;
  const row = (t: Timed, mode: CallMode, us: number[]): PeerRow => ({
    runtime: t.peer.runtime,
    env,
    mode,
    layers: L.length,
    inputSize: L[0].inputSize,
    hiddenSize: L[0].hiddenSize,
    occupancy: t.occupancy,
    usPerStep: median(us),
    usPerStepMin: Math.min(...us),
    usPerStepMax: Math.max(...us),
    maxAbsDiff: t.maxAbsDiff,
  });
  for (const t of timed) {
    const label = `${t.peer.runtime}${t.peer.variant ? ` ${t.peer.variant}` : ''}`;
    log(
      `${env} ${shape.name}  ${label.padEnd(48)} occ ${(t.occupancy * 100).toFixed(1).padStart(5)}%  ` +
        `sequence ${median(t.seq).toFixed(2)} µs/step  frame ${median(t.frame).toFixed(2)} µs/step  diff ${t.maxAbsDiff.toExponential(1)}`,
    );
  }
  return [...timed.map((t) => row(t, 'sequence', t.seq)), ...timed.map((t) => row(t, 'frame', t.frame))];
}

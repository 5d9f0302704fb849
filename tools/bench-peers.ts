// Peer benchmark (issue 13, `npm run bench -- peers`): our GRU against onnxruntime-node,
// onnxruntime-web (wasm), TensorFlow.js (cpu, wasm; optional, not a dependency) at batch 1 on one
// thread, same weights and inputs, a whole sequence per call and one call per frame. Every float
// peer must match our float engine within 1e-4 first, or it is not timed. Writes
// bench/results/peers.json and the peers section of BENCHMARKS.md from the same run.
// CLI: npx tsx tools/bench-peers.ts [--quick | --report-only (the tables again from peers.json)]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { compileModel } from '../src/engine/compile';
import { runDenseSequence } from '../src/engine/dense';
import { createScratch } from '../src/engine/scratch';
import { runSequence } from '../src/engine/sequence';
import type { Thresholds } from '../src/engine/types';
import { setWasmKernels } from '../src/engine/wasm/module';
import { peersMarkdown } from './bench-peers/markdown';
import { deltalabPeer, type Item, ortPeer, type Peer, type Runtime, tfjsPeer } from './bench-peers/peers';
import { deltaFigures, digitsShape, randomShape, type Shape } from './bench-peers/shapes';
import { writeSection } from './bench-report';

export interface PeerRow {
  runtime: Runtime;
  env: 'node' | 'chromium';
  layers: number;
  inputSize: number;
  hiddenSize: number;
  occupancy: number;
  usPerStep: number;
  usPerStepMin: number;
  usPerStepMax: number;
  maxAbsDiff: number;
}

export interface PeersResult {
  generatedAt: string;
  machine: { cpus: number; cpu?: string; node: string; loadavg: number[][] };
  rounds: number;
  /** Why a runtime has no rows (missing package, failed check). */
  skipped: string[];
  /** A whole sequence per call (offline evaluation). */
  sequence: PeerRow[];
  /** One call per frame (streaming). */
  frame: PeerRow[];
  /** Per delta row: shape, setting and the theoretical cost speedup (DESIGN.md 3). */
  deltaSettings: { shape: string; variant: string; occupancy: number; theoretical: number }[];
}

export const TOLERANCE = 1e-4;

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

/** Our float engine's top-layer h at every step: what every float peer must reproduce. */
function floatTopH(shape: Shape, it: Item): Float32Array {
  const cm = compileModel(shape.model, 'float');
  const r = runDenseSequence(cm, it.real, it.T);
  return r.h[r.h.length - 1];
}

/** Our rows: the readout after each item, WebAssembly against the TypeScript engine (0: identical). */
function kernelDiff(shape: Shape, items: Item[], th: Thresholds, dense: boolean): number {
  const cm = shape.fixed;
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

async function optionalTfjs(backend: 'cpu' | 'wasm'): Promise<unknown | null> {
  try {
    const name = '@tensorflow/tfjs';
    const tf = await import(/* @vite-ignore */ name);
    if (backend === 'wasm') {
      const wasmName = '@tensorflow/tfjs-backend-wasm';
      const w = await import(/* @vite-ignore */ wasmName);
      w.setThreadsCount?.(1);
    }
    if (!(await tf.setBackend(backend))) return null;
    await tf.ready();
    return tf;
  } catch {
    return null;
  }
}

interface Timed {
  peer: Peer;
  occupancy: number;
  maxAbsDiff: number;
  items: Item[];
  seq: number[];
  frame: number[];
}

async function timeOnce(f: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function benchShape(
  shape: Shape,
  rounds: number,
  tf: { cpu: unknown | null; wasm: unknown | null },
  skipped: string[],
  log: (s: string) => void,
): Promise<Timed[]> {
  const m = shape.model;
  const candidates: { peer: Peer; items: Item[]; occupancy: number; diff: number }[] = [];
  const floats: Peer[] = [await ortPeer('onnxruntime-node', ortNode, m)];
  floats.push(await ortPeer('onnxruntime-web', ortWeb as unknown as typeof ortNode, m));
  if (tf.cpu) floats.push(tfjsPeer('tfjs-cpu', tf.cpu, m));
  if (tf.wasm) floats.push(tfjsPeer('tfjs-wasm', tf.wasm, m));
  const checkItems = shape.items.slice(0, 3);
  for (const p of floats) {
    if (p.runtime.startsWith('tfjs')) {
      const tfm = p.runtime === 'tfjs-cpu' ? tf.cpu : tf.wasm;
      // biome-ignore lint/suspicious/noExplicitAny: optional package.
      await (tfm as any).setBackend(p.runtime === 'tfjs-cpu' ? 'cpu' : 'wasm');
    }
    let diff = 0;
    for (const it of checkItems) diff = Math.max(diff, maxDiff(await p.topH!(it), floatTopH(shape, it)));
    if (!(diff <= TOLERANCE)) {
      skipped.push(
        `${p.runtime} on ${shape.name}: outputs differ from our float engine by ${diff} > ${TOLERANCE}`,
      );
      continue;
    }
    candidates.push({ peer: p, items: shape.items, occupancy: 1, diff });
  }
  const cm = shape.fixed;
  const zero = shape.deltas[0].th;
  candidates.push({
    peer: deltalabPeer('deltalab-ts-dense', '', cm, zero, true, false),
    items: shape.items,
    occupancy: 1,
    diff: 0,
  });
  candidates.push({
    peer: deltalabPeer('deltalab-wasm-dense', '', cm, zero, true, true),
    items: shape.items,
    occupancy: 1,
    diff: kernelDiff(shape, shape.items, zero, true),
  });
  for (const d of shape.deltas) {
    candidates.push({
      peer: deltalabPeer('deltalab-wasm-delta', d.variant, cm, d.th, false, true),
      items: d.items,
      occupancy: deltaFigures(cm, d).occupancy,
      diff: kernelDiff(shape, d.items, d.th, false),
    });
  }
  const timed: Timed[] = candidates.map((c) => ({
    peer: c.peer,
    occupancy: c.occupancy,
    maxAbsDiff: c.diff,
    items: c.items,
    seq: [],
    frame: [],
  }));
  const selectBackend = async (p: Peer) => {
    if (!p.runtime.startsWith('tfjs')) return;
    // biome-ignore lint/suspicious/noExplicitAny: optional package.
    await ((tf.cpu ?? tf.wasm) as any).setBackend(p.runtime === 'tfjs-cpu' ? 'cpu' : 'wasm');
  };
  for (const t of timed) {
    await selectBackend(t.peer);
    await t.peer.sequence(t.items);
    await t.peer.frames(t.items);
  }
  // Interleaved rounds, rotating the order and alternating the two calling modes.
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < timed.length; k++) {
      const t = timed[(k + r) % timed.length];
      await selectBackend(t.peer);
      const steps = t.items.reduce((s, it) => s + it.T, 0);
      const a = async () => t.seq.push((1000 * (await timeOnce(() => t.peer.sequence(t.items)))) / steps);
      const b = async () => t.frame.push((1000 * (await timeOnce(() => t.peer.frames(t.items)))) / steps);
      if (r % 2) {
        await b();
        await a();
      } else {
        await a();
        await b();
      }
    }
  }
  for (const t of timed) {
    const label = `${t.peer.runtime}${t.peer.variant ? ` ${t.peer.variant}` : ''}`;
    log(
      `${shape.name}  ${label.padEnd(48)} occ ${(t.occupancy * 100).toFixed(1).padStart(5)}%  ` +
        `sequence ${median(t.seq).toFixed(2)} µs/step  frame ${median(t.frame).toFixed(2)} µs/step  diff ${t.maxAbsDiff.toExponential(1)}`,
    );
  }
  return timed;
}

function row(shape: Shape, t: Timed, us: number[]): PeerRow {
  const L = shape.model.layers;
  return {
    runtime: t.peer.runtime,
    env: 'node',
    layers: L.length,
    inputSize: L[0].inputSize,
    hiddenSize: L[0].hiddenSize,
    occupancy: t.occupancy,
    usPerStep: median(us),
    usPerStepMin: Math.min(...us),
    usPerStepMax: Math.max(...us),
    maxAbsDiff: t.maxAbsDiff,
  };
}

export interface PeersOptions {
  rounds?: number;
  /** Steps of the random shapes' sequence, and items of the digits pack. */
  steps?: number;
  digitsItems?: number;
  log?: (line: string) => void;
}

export async function benchPeers(opts: PeersOptions = {}): Promise<PeersResult> {
  const rounds = opts.rounds ?? 7;
  const log = opts.log ?? (() => {});
  const load0 = loadavg();
  ortWeb.env.wasm.numThreads = 1;
  const skipped: string[] = [];
  const tf = { cpu: await optionalTfjs('cpu'), wasm: await optionalTfjs('wasm') };
  if (!tf.cpu)
    skipped.push('tfjs-cpu: @tensorflow/tfjs is not installed (not a dependency; see BENCHMARKS.md)');
  if (!tf.wasm) skipped.push('tfjs-wasm: @tensorflow/tfjs-backend-wasm is not installed or did not start');
  const digits = digitsShape(opts.digitsItems ?? 40);
  const spec = digits.model.fixedPoint;
  const T = opts.steps ?? 200;
  const shapes = [digits];
  for (const layers of [1, 2]) for (const H of [128, 256, 512]) shapes.push(randomShape(layers, H, T, spec));
  const result: PeersResult = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: [load0] },
    rounds,
    skipped,
    sequence: [],
    frame: [],
    deltaSettings: [],
  };
  for (const shape of shapes) {
    const timed = await benchShape(shape, rounds, tf, skipped, log);
    for (const t of timed) {
      result.sequence.push(row(shape, t, t.seq));
      result.frame.push(row(shape, t, t.frame));
    }
    for (const d of shape.deltas) {
      const f = deltaFigures(shape.fixed, d);
      result.deltaSettings.push({
        shape: shape.name,
        variant: d.variant,
        occupancy: f.occupancy,
        theoretical: f.speedup,
      });
    }
  }
  result.machine.loadavg.push(loadavg());
  return result;
}

export async function runPeersSection(opts: PeersOptions = {}): Promise<PeersResult> {
  const result = await benchPeers({ log: console.log, ...opts });
  for (const s of result.skipped) console.log(`skipped: ${s}`);
  const out = 'bench/results/peers.json';
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  writeSection('BENCHMARKS.md', 'peers', peersMarkdown(result));
  console.log(`wrote ${out} and the peers section of BENCHMARKS.md`);
  return result;
}

/** Rewrites the BENCHMARKS.md section from the run stored in peers.json (no new measurement). */
export function rewritePeersSection(): void {
  const result = JSON.parse(readFileSync('bench/results/peers.json', 'utf8')) as PeersResult;
  writeSection('BENCHMARKS.md', 'peers', peersMarkdown(result));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  if (process.argv.includes('--report-only')) rewritePeersSection();
  else await runPeersSection(quick ? { rounds: 2, steps: 30, digitsItems: 4 } : {});
}

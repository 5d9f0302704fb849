// Peer benchmark (issue 13, `npm run bench -- peers`): our GRU against onnxruntime-node,
// onnxruntime-web (wasm), TensorFlow.js (cpu, wasm) at batch 1 on one thread, same weights and
// inputs, a whole sequence per call and one call per frame, in Node and in headless Chromium (a
// bench-only page, tools/bench-peers/chromium). Every float peer must match our float engine within
// 1e-4 first, or it is not timed. Writes bench/results/peers.json (one flat array of rows),
// bench/results/peers-meta.json (when, where, settings) and the peers section of BENCHMARKS.md from
// the same run.
// CLI: npx tsx tools/bench-peers.ts [--quick | --node-only | --report-only (tables again from the files)]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { chromiumPeers } from './bench-peers/chromium';
import { peersMarkdown } from './bench-peers/markdown';
import { ortPeer, tfjsPeer } from './bench-peers/peers';
import { benchShape, type FloatPeer, type PeerRow, type ShapeInput } from './bench-peers/run-shape';
import { deltaFigures, digitsShape, randomShape, type Shape } from './bench-peers/shapes';
import { toWire } from './bench-peers/wire';
import { writeSection } from './bench-report';

export type { PeerRow } from './bench-peers/run-shape';
export { TOLERANCE } from './bench-peers/run-shape';

/** bench/results/peers-meta.json: what the rows of peers.json were measured on and with. */
export interface PeersMeta {
  generatedAt: string;
  machine: { cpus: number; cpu?: string; node: string; chromium?: string; loadavg: number[][] };
  rounds: number;
  /** Why a runtime has no rows (missing package, failed check). */
  skipped: string[];
  /** Per delta row: shape, setting and the theoretical cost speedup (DESIGN.md 3). */
  deltaSettings: { shape: string; variant: string; occupancy: number; theoretical: number }[];
}

export interface PeersResult {
  rows: PeerRow[];
  meta: PeersMeta;
}

const ROWS_FILE = 'bench/results/peers.json';
const META_FILE = 'bench/results/peers-meta.json';

// biome-ignore lint/suspicious/noExplicitAny: TensorFlow.js's module type is not needed here.
type Tf = any;

async function nodeTfjs(skipped: string[]): Promise<{ tf: Tf; backends: ('cpu' | 'wasm')[] } | null> {
  try {
    const tf: Tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setThreadsCount(1);
    const backends: ('cpu' | 'wasm')[] = [];
    for (const b of ['cpu', 'wasm'] as const) {
      try {
        const set = await tf.setBackend(b);
        await tf.ready();
        if (set && tf.getBackend() === b) backends.push(b);
        else skipped.push(`tfjs-${b} (node): the backend did not start`);
      } catch (e) {
        skipped.push(`tfjs-${b} (node): the backend did not start (${String(e)})`);
      }
    }
    return { tf, backends };
  } catch (e) {
    skipped.push(`tfjs (node): @tensorflow/tfjs did not load (${String(e)})`);
    return null;
  }
}

function shapeInput(s: Shape): ShapeInput {
  return {
    name: s.name,
    model: s.model,
    items: s.items,
    deltas: s.deltas.map((d) => ({ ...d, occupancy: deltaFigures(s.fixed, d).occupancy })),
  };
}

export interface PeersOptions {
  rounds?: number;
  /** Steps of the random shapes' sequence, and items of the digits pack. */
  steps?: number;
  digitsItems?: number;
  /** Leave out the Chromium half. */
  nodeOnly?: boolean;
  log?: (line: string) => void;
}

export async function benchPeers(opts: PeersOptions = {}): Promise<PeersResult> {
  const rounds = opts.rounds ?? 11;
  const log = opts.log ?? (() => {});
  const load0 = loadavg();
  ortWeb.env.wasm.numThreads = 1;
  const skipped: string[] = [];
  const tfjs = await nodeTfjs(skipped);
  const digits = digitsShape(opts.digitsItems ?? 40);
  const spec = digits.model.fixedPoint;
  const T = opts.steps ?? 200;
  const shapes = [digits];
  for (const layers of [1, 2]) for (const H of [128, 256, 512]) shapes.push(randomShape(layers, H, T, spec));
  const inputs = shapes.map(shapeInput);
  const meta: PeersMeta = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: [load0] },
    rounds,
    skipped,
    deltaSettings: [],
  };
  const rows: PeerRow[] = [];
  for (const shape of inputs) {
    const floats: FloatPeer[] = [
      { peer: await ortPeer('onnxruntime-node', ortNode, shape.model) },
      { peer: await ortPeer('onnxruntime-web', ortWeb as unknown as typeof ortNode, shape.model) },
    ];
    for (const b of tfjs?.backends ?? []) {
      // Each peer's weights are made on its own backend, so no tensor moves between backends.
      await tfjs!.tf.setBackend(b);
      floats.push({
        peer: tfjsPeer(`tfjs-${b}`, tfjs!.tf, shape.model),
        select: () => tfjs!.tf.setBackend(b),
      });
    }
    rows.push(...(await benchShape(shape, floats, rounds, 'node', skipped, log)));
  }
  for (const s of shapes) {
    for (const d of s.deltas) {
      const f = deltaFigures(s.fixed, d);
      meta.deltaSettings.push({
        shape: s.name,
        variant: d.variant,
        occupancy: f.occupancy,
        theoretical: f.speedup,
      });
    }
  }
  meta.machine.loadavg.push(loadavg());
  if (!opts.nodeOnly) {
    // The same shapes, weights, inputs and settings, in the browser.
    const c = await chromiumPeers(inputs.map(toWire), rounds, log);
    rows.push(...c.rows);
    skipped.push(...c.skipped);
    meta.machine.chromium = c.browser;
    meta.machine.loadavg.push(loadavg());
  }
  return { rows, meta };
}

export async function runPeersSection(opts: PeersOptions = {}): Promise<PeersResult> {
  const result = await benchPeers({ log: console.log, ...opts });
  for (const s of result.meta.skipped) console.log(`skipped: ${s}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(ROWS_FILE, `${JSON.stringify(result.rows, null, 2)}\n`);
  writeFileSync(META_FILE, `${JSON.stringify(result.meta, null, 2)}\n`);
  writeSection('BENCHMARKS.md', 'peers', peersMarkdown(result));
  console.log(`wrote ${ROWS_FILE}, ${META_FILE} and the peers section of BENCHMARKS.md`);
  return result;
}

/** Rewrites the BENCHMARKS.md section from the run stored in peers.json and peers-meta.json. */
export function rewritePeersSection(): void {
  const rows = JSON.parse(readFileSync(ROWS_FILE, 'utf8')) as PeerRow[];
  const meta = JSON.parse(readFileSync(META_FILE, 'utf8')) as PeersMeta;
  writeSection('BENCHMARKS.md', 'peers', peersMarkdown({ rows, meta }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const nodeOnly = process.argv.includes('--node-only');
  if (process.argv.includes('--report-only')) rewritePeersSection();
  else await runPeersSection(quick ? { rounds: 2, steps: 30, digitsItems: 4, nodeOnly } : { nodeOnly });
}

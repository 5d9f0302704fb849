// CNN training benchmark (issue 9): the driving CNN over the same frames, shapes, minibatches and
// Adam, trained with the hand-written backpropagation of tools/train/driving/cnn-net.ts and with
// TensorFlow.js on its wasm backend (and its plain-JS cpu backend for reference); plus one forward
// pass over the frames, which is what the lab runs per frame. Writes bench/results/cnn-train.json and
// the cnn-train section of BENCHMARKS.md.
// CLI: npx tsx tools/bench-cnn-train.ts [--quick]   (npm run bench -- cnn-train)
// TensorFlow.js is only a devDependency (the hand-written trainer won, see BENCHMARKS.md); the peers
// benchmark uses it too.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderClip } from '../src/data/driving';
import { cnnCostPerFrame, cnnForwardFloat, featureCount } from '../src/engine/cnn';
import { mulberry32 } from '../src/engine/random';
import { writeSection } from './bench-report';
import { DEFAULT_CNN_ARCH } from './train/driving/cnn-arch';
import { netToFloatCnn } from './train/driving/cnn-export';
import { archSpec, type CnnArch, initNet } from './train/driving/cnn-net';
import { trainCnn } from './train/driving/cnn-train';

type Implementation = 'hand-written' | 'tfjs-wasm' | 'tfjs-cpu';
type Task = 'train' | 'forward';

export interface CnnTrainBenchRow {
  implementation: Implementation;
  /** 'train': one epoch, forward + backward + Adam; 'forward': the features of every frame once. */
  task: Task;
  /** Seconds (median over runs) and frames per second; null when the implementation cannot run it. */
  seconds: number | null;
  framesPerSecond: number | null;
  runs: number[];
  notes: string;
}

export interface CnnTrainBench {
  generatedAt: string;
  machine: { cpus: number; cpu: string; node: string; loadavg: number[][] };
  frames: number;
  batch: number;
  arch: CnnArch;
  macsPerFrame: number;
  /** Size of node_modules/@tensorflow when the comparison ran. */
  tfjsInstalledMB: number;
  rows: CnnTrainBenchRow[];
}

/** Bytes under a folder (0 when it is missing). */
function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += folderBytes(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

const W = DEFAULT_CNN_ARCH.width;
const H = DEFAULT_CNN_ARCH.height;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function handEpoch(frames: Uint8Array, steering: Float32Array, batch: number): number {
  const t0 = performance.now();
  trainCnn({ frames, steering, width: W, height: H }, { epochs: 1, batch, arch: DEFAULT_CNN_ARCH });
  return (performance.now() - t0) / 1000;
}

function handForward(frames: Uint8Array, n: number): number {
  const cnn = netToFloatCnn(initNet(DEFAULT_CNN_ARCH, mulberry32(1)));
  const out = new Float32Array(featureCount(archSpec(DEFAULT_CNN_ARCH)));
  const t0 = performance.now();
  for (let t = 0; t < n; t++) cnnForwardFloat(cnn, frames.subarray(t * W * H, (t + 1) * W * H), out);
  return (performance.now() - t0) / 1000;
}

// TensorFlow.js is imported by name at run time, so its types are not part of the build.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type Tf = any;

async function loadTf(backend: 'wasm' | 'cpu'): Promise<Tf | null> {
  const names = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'];
  try {
    const tf = await import(names[0]);
    if (backend === 'wasm') await import(names[1]);
    await tf.setBackend(backend);
    await tf.ready();
    return tf;
  } catch (e) {
    console.log(`TensorFlow.js (${backend}) not available: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
}

/** The same network in TensorFlow.js: explicit symmetric padding then 'valid' convolutions, NHWC. */
async function tfRun(
  tf: Tf,
  frames: Uint8Array,
  steering: Float32Array,
  batch: number,
  arch: CnnArch,
  task: Task,
): Promise<number> {
  const vars: Tf[] = [];
  let c = 1;
  let h = arch.height;
  let w = arch.width;
  const layerVars = arch.layers.map((l) => {
    if (l.kind === 'maxpool') throw new Error('the benchmark architecture has no pooling');
    const n = l.kind === 'conv' ? c * l.kernel * l.kernel : c * h * w;
    const out = l.kind === 'conv' ? l.channels : l.size;
    const shape = l.kind === 'conv' ? [l.kernel, l.kernel, c, out] : [n, out];
    const k = tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / n)));
    const b = tf.variable(tf.zeros([out]));
    if (l.kind === 'conv') {
      h = Math.floor((h + 2 * l.pad - l.kernel) / l.stride) + 1;
      w = Math.floor((w + 2 * l.pad - l.kernel) / l.stride) + 1;
    } else {
      h = 1;
      w = 1;
    }
    c = out;
    vars.push(k, b);
    return { k, b };
  });
  const head = tf.variable(tf.randomNormal([c, 1], 0, 0.1 / Math.sqrt(c)));
  const headBias = tf.variable(tf.zeros([1]));
  vars.push(head, headBias);
  const opt = tf.train.adam(2e-3);
  const px = arch.width * arch.height;
  const n = steering.length;
  const step = (from: number, to: number) => {
    const xs = tf.tidy(() =>
      tf
        .tensor4d(frames.subarray(from * px, to * px), [to - from, arch.height, arch.width, 1], 'float32')
        .sub(128)
        .div(128),
    );
    const ys = tf.tensor2d(steering.subarray(from, to), [to - from, 1]);
    const net = () => {
      let x = xs;
      arch.layers.forEach((l, i) => {
        const v = layerVars[i];
        if (l.kind === 'conv') {
          const padded = l.pad
            ? tf.pad(x, [
                [0, 0],
                [l.pad, l.pad],
                [l.pad, l.pad],
                [0, 0],
              ])
            : x;
          x = tf.relu(tf.add(tf.conv2d(padded, v.k, l.stride, 'valid'), v.b));
        } else {
          x = tf.relu(tf.add(tf.matMul(tf.reshape(x, [x.shape[0], -1]), v.k), v.b));
        }
      });
      return tf.add(tf.matMul(x, head), headBias);
    };
    try {
      if (task === 'train') opt.minimize(() => tf.losses.meanSquaredError(ys, net()), false, vars);
      else tf.tidy(() => net().dataSync());
    } finally {
      xs.dispose();
      ys.dispose();
    }
  };
  try {
    step(0, Math.min(batch, n)); // warm-up (kernel set-up), not timed
    const t0 = performance.now();
    for (let from = 0; from < n; from += batch) step(from, Math.min(n, from + batch));
    await tf.ready();
    return (performance.now() - t0) / 1000;
  } finally {
    for (const v of vars) v.dispose();
    opt.dispose();
  }
}

function describeArch(arch: CnnArch): string {
  return arch.layers
    .map((l) =>
      l.kind === 'dense'
        ? `dense ${l.size}`
        : l.kind === 'conv'
          ? `conv ${l.kernel}×${l.kernel}/${l.stride} ${l.channels} ch`
          : 'pool',
    )
    .join(', ');
}

export function cnnTrainMarkdown(r: CnnTrainBench): string {
  const fmt = (v: number | null, d: number) => (v === null ? '—' : v.toFixed(d));
  const rows = r.rows
    .map(
      (x) =>
        `| ${x.task} | ${x.implementation} | ${fmt(x.seconds, 2)} | ${fmt(x.framesPerSecond, 0)} | ${x.notes} |`,
    )
    .join('\n');
  return `## CNN training: hand-written backpropagation vs TensorFlow.js

One epoch (train: forward, backward, Adam) or one forward pass (forward) over ${r.frames} simulated
64×32 frames (renderClip), minibatches of ${r.batch}, the driving CNN (${describeArch(r.arch)};
${r.macsPerFrame} MACs a frame forward). Median of up to ${r.rows[0]?.runs.length ?? 0} runs (each run is in the JSON) on ${r.machine.cpus}× ${r.machine.cpu},
Node ${r.machine.node}, ${r.generatedAt.slice(0, 10)}, 1-minute load average ${r.machine.loadavg.map((l) => l[0].toFixed(1)).join(' → ')}
(a shared machine: absolute rates vary with the load, the ratios less); \`npm run bench -- cnn-train\`.

| task | implementation | seconds | frames / s | notes |
| --- | --- | --- | --- | --- |
${rows}

${decision(r)}
`;
}

/** The choice the numbers support, with the ratios of this run. */
function decision(r: CnnTrainBench): string {
  const get = (impl: Implementation, task: Task) =>
    r.rows.find((x) => x.implementation === impl && x.task === task)?.framesPerSecond ?? null;
  const hand = get('hand-written', 'train');
  const cpu = get('tfjs-cpu', 'train');
  const wasm = get('tfjs-wasm', 'train');
  const wasmFwd = get('tfjs-wasm', 'forward');
  const handFwd = get('hand-written', 'forward');
  const parts = ['**Chosen: hand-written backpropagation** (tools/train/driving/cnn-net.ts).'];
  if (wasm === null)
    parts.push(
      'TensorFlow.js on wasm cannot train this CNN at all: its wasm backend has no gradient kernel for convolutions.',
    );
  else if (hand)
    parts.push(`TensorFlow.js on wasm trains at ${(wasm / hand).toFixed(1)}x the hand-written rate.`);
  if (hand && cpu)
    parts.push(
      `Its plain-JS cpu backend trains, ${(hand / cpu).toFixed(0)}x slower than the hand-written loops.`,
    );
  if (wasmFwd && handFwd) {
    parts.push(
      `The wasm backend's forward pass is ${(wasmFwd / handFwd).toFixed(1)}x the engine's, but the lab needs the engine's own` +
        ' fixed-point forward (int8 weights, saturating int32 sums, Q2.5 features) in the browser anyway, and the engine' +
        ` runs a frame in ${(1000 / handFwd).toFixed(1)} ms (${((100 * 20) / handFwd).toFixed(0)}% of a core at 20 fps).`,
    );
  }
  parts.push(
    "It is also the clearer of the two here: the trainer calls the engine's own convolution, pooling and dense kernels," +
      ' so the network it trains is exactly the one the browser runs; its gradient is checked against finite' +
      ` differences (tests/unit/cnn/train-gradient.test.ts); and it needs no ${Math.round(r.tfjsInstalledMB)} MB dependency (node_modules/@tensorflow as installed). So neither the trainer nor the lab uses` +
      " TensorFlow.js; it is only a devDependency, for the benchmarks' TensorFlow.js rows.",
  );
  return parts.join(' ');
}

export async function runCnnTrainSection(quick = false): Promise<CnnTrainBench> {
  const frames = quick ? 256 : 1024;
  const batch = 32;
  const repeats = quick ? 1 : 3;
  const clip = renderClip({ seed: 901, frames });
  const rows: CnnTrainBenchRow[] = [];
  const loads: number[][] = [loadavg()];
  const row = (
    implementation: Implementation,
    task: Task,
    runs: number[],
    notes: string,
  ): CnnTrainBenchRow => ({
    implementation,
    task,
    seconds: runs.length ? median(runs) : null,
    framesPerSecond: runs.length ? frames / median(runs) : null,
    runs,
    notes,
  });
  handEpoch(clip.frames.subarray(0, W * H * 64), clip.steering.subarray(0, 64), batch); // warm-up
  const hand = Array.from({ length: repeats }, () => handEpoch(clip.frames, clip.steering, batch));
  rows.push(
    row(
      'hand-written',
      'train',
      hand,
      'TypeScript loops, float64, frame by frame (tools/train/driving/cnn-net.ts)',
    ),
  );
  const fwd = Array.from({ length: repeats }, () => handForward(clip.frames, frames));
  rows.push(row('hand-written', 'forward', fwd, "the engine's cnnForwardFloat, frame by frame"));
  for (const backend of ['wasm', 'cpu'] as const) {
    const tf = await loadTf(backend);
    if (!tf) continue;
    const implementation = backend === 'wasm' ? 'tfjs-wasm' : 'tfjs-cpu';
    const flags =
      backend === 'wasm'
        ? `SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')}`
        : 'plain JS kernels';
    const notes = `@tensorflow/tfjs ${tf.version.tfjs}, float32, NHWC batches of ${batch} (${flags})`;
    for (const task of ['train', 'forward'] as const) {
      const runs: number[] = [];
      try {
        // The cpu backend trains at a few frames a second: one run is enough to place it.
        const n = backend === 'cpu' && task === 'train' ? 1 : repeats;
        for (let i = 0; i < n; i++)
          runs.push(await tfRun(tf, clip.frames, clip.steering, batch, DEFAULT_CNN_ARCH, task));
        rows.push(row(implementation, task, runs, notes));
      } catch (e) {
        rows.push(row(implementation, task, [], `cannot run: ${(e as Error).message.split('\n')[0]}`));
      }
    }
  }
  loads.push(loadavg());
  const result: CnnTrainBench = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadavg: loads,
    },
    frames,
    batch,
    arch: DEFAULT_CNN_ARCH,
    macsPerFrame: cnnCostPerFrame(archSpec(DEFAULT_CNN_ARCH)).macs,
    tfjsInstalledMB: folderBytes('node_modules/@tensorflow') / 2 ** 20,
    rows,
  };
  for (const r of rows) {
    const t =
      r.seconds === null
        ? r.notes
        : `${r.seconds.toFixed(2)} s  ${Math.round(r.framesPerSecond ?? 0)} frames/s`;
    console.log(`${r.task.padEnd(8)} ${r.implementation.padEnd(13)} ${t}`);
  }
  if (!rows.some((x) => x.implementation === 'tfjs-cpu')) {
    console.log(
      'TensorFlow.js is not installed: the recorded comparison is kept (see the header of this file).',
    );
  } else if (!quick) {
    const file = 'bench/results/cnn-train.json';
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    writeSection('BENCHMARKS.md', 'cnn-train', cnnTrainMarkdown(result));
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runCnnTrainSection(process.argv.includes('--quick'));
}

// Browser worker benchmark (issue 4): in headless Chromium against the built site, the time to
// evaluate the spoken-digit test pack at one threshold setting (the delta-l1 model's best and Θ=0)
// and to run a 20-point sweep, through the real engine client and its worker pool; and the lab's
// 21 x 21 Θx × Θh heatmap grid as the page computes it (src/workers/grid-sweep.ts, row by row).
// CLI: npx tsx tools/bench-workers.ts   (npm run bench runs it as the 'workers' section)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileModel } from '../src/engine/compile';
import { evaluatePack, sweepPack, uniformThresholds } from '../src/engine/evaluate';
import { decodeModel, decodePack, parseManifest } from '../src/engine/format/index';
import type { Thresholds } from '../src/engine/types';
import { startLab } from '../tests/e2e/harness';
import { writeSection } from './bench-report';
import { STAND_IN, standInModel, standInPack } from './bench-workers-data';

const RESULTS = 'bench/results/workers.json';
const RUNS = 9;
/**
 * Warm-up before timing, as in the lab: the page sweeps the trade-off curve (SWEEP_POINTS settings
 * over the pack) as soon as a model is loaded, before anyone can move a slider; then WARMUP calls.
 * V8 tiers the kernels and the engine's JavaScript up during the first few evaluations (the first
 * takes several times the steady time), so the first call after loading is reported on its own.
 */
const WARMUP = 3;
const SWEEP_POINTS = 20;
/**
 * The stand-in has no trained thresholds; its "best" setting is the smallest uniform Θ reaching the
 * paper's TIDIGITS regime (about 8-9x speedup), found with the engine in Node before timing.
 */
const STAND_IN_SPEEDUP = 8;
const STAND_IN_MAX_THETA = 15;
/** Issue 13: one threshold setting over the 300-utterance pack, median through the pool. */
const TARGET_EVAL_MS = 10;
const TARGET_SWEEP_MS = 3000;
/** The heatmap: 21 x 21 settings, Θ = 0..20 LSB (app/heatmap/heatmap-axis.ts for Q3.4). */
const GRID_SIDE = 21;
const GRID_RUNS = 3;
const NODE_RUNS = 7;
const TARGET_GRID_MS = 3000;

interface Subject {
  standIn: boolean;
  label: string;
  modelUrl: string;
  packUrl: string;
  /** Best threshold setting; null means: take the model's trained thresholds. */
  best: Thresholds | null;
  /** The same files, for the Node reference timing. */
  bytes: () => { model: Uint8Array; pack: Uint8Array };
}

export interface WorkersBenchResult {
  date: string;
  subject: string;
  standIn: boolean;
  shape: { inputSize: number; hiddenSizes: number[]; items: number; frames: number };
  workers: number;
  hardwareConcurrency: number;
  loadAvg1m: number;
  runs: number;
  best: Thresholds;
  /** The first evaluate after loading, before any warm-up (cold JIT). */
  evalFirstMs: number;
  evalBestMs: number;
  evalBestOneWorkerMs: number;
  evalZeroMs: number;
  sweep20Ms: number;
  /** The 21 x 21 heatmap grid through the pool, median of GRID_RUNS. */
  grid21Ms: number;
  grid21Runs: number[];
  occupancyBest: number;
  speedupBest: number;
  occupancyZero: number;
  /** Engine in Node, one thread, CPU time (median of NODE_RUNS after one warm-up call; the sweep once). */
  node: { evalBestCpuMs: number; evalZeroCpuMs: number; sweep20CpuMs: number; grid21CpuMs: number };
  targets: { evalBestMs: number; sweep20Ms: number; grid21Ms: number };
  meetsTargets: { evalBest: boolean; sweep20: boolean; grid21: boolean };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than the sources it is made from. */
function ensureBuild(): void {
  const built = 'dist/workers-harness.html';
  const sources = Math.max(
    newestMtime('src'),
    newestMtime('app'),
    newestMtime('public'),
    statSync('vite.config.ts').mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('building the site with its test harness (npx vite build --mode harness) ...');
  execFileSync('npx', ['vite', 'build', '--mode', 'harness'], { stdio: 'inherit' });
}

function subject(): Subject {
  const manifest = parseManifest(JSON.parse(readFileSync('public/models/manifest.json', 'utf8')));
  const model = manifest.models.find((m) => m.task === 'digits' && m.method === 'delta-l1');
  const pack = model && manifest.packs.find((p) => p.id === model.pack);
  if (model && pack) {
    return {
      standIn: false,
      label: model.label,
      modelUrl: `models/${model.file}`,
      packUrl: `models/${pack.file}`,
      best: null,
      bytes: () => ({
        model: readFileSync(`public/models/${model.file}`),
        pack: readFileSync(`public/models/${pack.file}`),
      }),
    };
  }
  const t = standInBestTheta();
  return {
    standIn: true,
    label: `stand-in: seeded random GRU I=${STAND_IN.inputSize} H=${STAND_IN.hiddenSize}, ${STAND_IN.items} synthetic sequences x ${STAND_IN.steps} frames`,
    modelUrl: 'bench-data/model.dlm',
    packUrl: 'bench-data/pack.dlp',
    best: { thetaX: [t], thetaH: [t] },
    bytes: () => ({ model: standInModel(), pack: standInPack() }),
  };
}

function standInBestTheta(): number {
  const cm = compileModel(decodeModel(standInModel()), 'fixed');
  const pack = decodePack(standInPack());
  for (let t = 0; t < STAND_IN_MAX_THETA; t++) {
    if (evaluatePack(cm, pack, uniformThresholds(1, t, t)).figures.speedup >= STAND_IN_SPEEDUP) return t;
  }
  return STAND_IN_MAX_THETA;
}

/** CPU milliseconds of fn in this (single) thread: what one worker needs on an otherwise idle core. */
function cpuMs(fn: () => unknown, runs: number): number {
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    ms.push((d.user + d.system) / 1000);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** The same work by the engine in Node, one thread, timed in CPU time so other processes on the machine do not count. */
function nodeReference(
  s: Subject,
  best: Thresholds,
  grid: { thetaX: number; thetaH: number }[],
  grid21: { thetaX: number; thetaH: number }[],
) {
  const { model, pack: packBytes } = s.bytes();
  const cm = compileModel(decodeModel(model), 'fixed');
  const pack = decodePack(packBytes);
  const layers = cm.layers.length;
  evaluatePack(cm, pack, best);
  return {
    evalBestCpuMs: cpuMs(() => evaluatePack(cm, pack, best), NODE_RUNS),
    evalZeroCpuMs: cpuMs(() => evaluatePack(cm, pack, uniformThresholds(layers, 0, 0)), NODE_RUNS),
    sweep20CpuMs: cpuMs(() => sweepPack(cm, pack, grid), 1),
    grid21CpuMs: cpuMs(() => sweepPack(cm, pack, grid21), 1),
  };
}

export async function runWorkersSection(): Promise<WorkersBenchResult> {
  ensureBuild();
  const s = subject();
  const lab = await startLab();
  try {
    const page = await lab.newPage();
    // tsx compiles this file with esbuild's keepNames, which wraps the functions inside the page
    // callback below in a __name() helper that only exists in Node.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    if (s.standIn) {
      const files: Record<string, Uint8Array> = { 'model.dlm': standInModel(), 'pack.dlp': standInPack() };
      // Served to the page as if they were files of the built site (same origin, nothing written to dist/).
      await page.route('**/bench-data/*', (route) => {
        const body = files[new URL(route.request().url()).pathname.split('/').pop() ?? ''];
        return body ? route.fulfill({ body: Buffer.from(body) }) : route.fulfill({ status: 404 });
      });
    }
    await page.goto(`${lab.url}workers-harness.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const measured = await page.evaluate(
      async ({ s, runs, warmup, points, side, gridRuns }) => {
        const h = window.deltalabHarness;
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const timeIt = async (fn: () => Promise<unknown>) => {
          for (let k = 0; k < warmup; k++) await fn();
          const ms: number[] = [];
          for (let k = 0; k < runs; k++) {
            const t0 = performance.now();
            await fn();
            ms.push(performance.now() - t0);
          }
          return median(ms);
        };
        const [modelBytes, packBytes] = await Promise.all([
          h.fetchBytes(s.modelUrl),
          h.fetchBytes(s.packUrl),
        ]);
        const setUp = async (workers?: number) => {
          // A shared, overloaded machine can starve a worker for a while; a benchmark should wait, not fail.
          const timeouts = { idleMs: 180_000, loadMs: 180_000 };
          const client = h.createEngineClient(workers ? { workers, timeouts } : { timeouts });
          const info = await client.loadModel({ id: 'bench', bytes: modelBytes });
          const pack = await client.loadPack({ id: 'bench-pack', bytes: packBytes });
          return { client, info, pack };
        };
        const { client, info, pack } = await setUp();
        const layers = info.layers.length;
        const best = s.best ?? info.trainedThresholds;
        const zero = { thetaX: Array(layers).fill(0), thetaH: Array(layers).fill(0) };
        const base = { modelId: 'bench', packId: 'bench-pack', mode: 'fixed' as const };
        const grid = Array.from({ length: points }, (_, k) => ({ thetaX: k, thetaH: k }));
        const t0 = performance.now();
        await client.evaluate({ ...base, thresholds: best });
        const evalFirstMs = performance.now() - t0;
        // What the lab does on loading a model, before a visitor can touch a threshold.
        await client.sweep({ ...base, grid });
        const evalBestMs = await timeIt(() => client.evaluate({ ...base, thresholds: best }));
        const evalZeroMs = await timeIt(() => client.evaluate({ ...base, thresholds: zero }));
        const sweep20Ms = await timeIt(() => client.sweep({ ...base, grid }));
        // The heatmap's grid exactly as the lab runs it: one sweepGrid call per Θh row.
        const axis = Array.from({ length: side }, (_, k) => k);
        const grid21Runs: number[] = [];
        for (let k = 0; k < gridRuns; k++) {
          const t0 = performance.now();
          await h.runThresholdGrid(client, { ...base, thetaX: axis, thetaH: axis });
          grid21Runs.push(performance.now() - t0);
        }
        const grid21Ms = median(grid21Runs);
        const atBest = await client.evaluate({ ...base, thresholds: best });
        const atZero = await client.evaluate({ ...base, thresholds: zero });
        client.dispose();
        const one = await setUp(1);
        await one.client.sweep({ ...base, grid });
        const evalBestOneWorkerMs = await timeIt(() => one.client.evaluate({ ...base, thresholds: best }));
        one.client.dispose();
        return {
          workers: client.workerCount,
          hardwareConcurrency: navigator.hardwareConcurrency,
          best,
          shape: {
            inputSize: info.layers[0].inputSize,
            hiddenSizes: info.layers.map((l) => l.hiddenSize),
            items: pack.items.length,
            frames: pack.items.reduce((sum, it) => sum + it.length, 0),
          },
          evalFirstMs,
          evalBestMs,
          evalBestOneWorkerMs,
          evalZeroMs,
          sweep20Ms,
          grid21Ms,
          grid21Runs,
          occupancyBest: atBest.figures.occupancyAll,
          speedupBest: atBest.figures.speedup,
          occupancyZero: atZero.figures.occupancyAll,
        };
      },
      {
        s: { modelUrl: s.modelUrl, packUrl: s.packUrl, best: s.best },
        runs: RUNS,
        warmup: WARMUP,
        points: SWEEP_POINTS,
        side: GRID_SIDE,
        gridRuns: GRID_RUNS,
      },
    );
    const grid = Array.from({ length: SWEEP_POINTS }, (_, k) => ({ thetaX: k, thetaH: k }));
    const grid21 = Array.from({ length: GRID_SIDE * GRID_SIDE }, (_, k) => ({
      thetaX: k % GRID_SIDE,
      thetaH: Math.floor(k / GRID_SIDE),
    }));
    const result: WorkersBenchResult = {
      date: new Date().toISOString(),
      node: nodeReference(s, measured.best, grid, grid21),
      subject: s.label,
      standIn: s.standIn,
      loadAvg1m: loadavg()[0],
      runs: RUNS,
      targets: { evalBestMs: TARGET_EVAL_MS, sweep20Ms: TARGET_SWEEP_MS, grid21Ms: TARGET_GRID_MS },
      meetsTargets: {
        evalBest: measured.evalBestMs <= TARGET_EVAL_MS,
        sweep20: measured.sweep20Ms <= TARGET_SWEEP_MS,
        grid21: measured.grid21Ms <= TARGET_GRID_MS,
      },
      ...measured,
    };
    report(result);
    return result;
  } finally {
    await lab.close();
  }
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const th = (t: Thresholds) => `Θx=${t.thetaX.join('/')} Θh=${t.thetaH.join('/')}`;

function report(r: WorkersBenchResult): void {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(r, null, 2)}\n`);
  const ok = (b: boolean) => (b ? 'yes' : '**no**');
  const md = `## Engine in Web Workers (browser)

Headless Chromium against the built site (\`dist/workers-harness.html\`, built with \`--mode harness\`), the real engine client with
${r.workers} worker(s) (navigator.hardwareConcurrency = ${r.hardwareConcurrency}), fixed point,
median of ${r.runs} runs after the lab's own start-up work (a ${SWEEP_POINTS}-point sweep, which the page runs on loading a model) and ${WARMUP} warm-up runs;
the first call after loading, before any of that, is in its own row. Machine load (1 min) at the end: ${r.loadAvg1m.toFixed(1)}.
Subject: ${r.subject}${r.standIn ? ` — **the spoken-digit models do not exist yet, so these figures use a stand-in of the same shape**; its "best" setting is the smallest uniform Θ with speedup ≥ ${STAND_IN_SPEEDUP}x` : ''}
(${r.shape.items} items, ${r.shape.frames} frames, I=${r.shape.inputSize}, H=${r.shape.hiddenSizes.join('/')}).

| measurement | median | target | met | Node, 1 thread, CPU time |
| --- | ---: | ---: | :-: | ---: |
| evaluate whole pack at best setting (${th(r.best)}; occupancy ${(100 * r.occupancyBest).toFixed(1)}%, speedup ${r.speedupBest.toFixed(1)}x) | ${ms(r.evalBestMs)} | ≤ ${ms(r.targets.evalBestMs)} | ${ok(r.meetsTargets.evalBest)} | ${ms(r.node.evalBestCpuMs)} |
| same, 1 worker | ${ms(r.evalBestOneWorkerMs)} | | | |
| same, the first call after loading (cold: V8 has not tiered the kernels up yet) | ${ms(r.evalFirstMs)} | | | |
| evaluate whole pack at Θ=0 (occupancy ${(100 * r.occupancyZero).toFixed(1)}%) | ${ms(r.evalZeroMs)} | | | ${ms(r.node.evalZeroCpuMs)} |
| ${SWEEP_POINTS}-point sweep (Θx=Θh=0..${SWEEP_POINTS - 1}) | ${ms(r.sweep20Ms)} | ≤ ${ms(r.targets.sweep20Ms)} | ${ok(r.meetsTargets.sweep20)} | ${ms(r.node.sweep20CpuMs)} |
| the lab's ${GRID_SIDE} × ${GRID_SIDE} heatmap grid (Θx, Θh = 0..${GRID_SIDE - 1}, one call per row; median of ${r.grid21Runs.length}: ${r.grid21Runs.map(ms).join(', ')}) | ${ms(r.grid21Ms)} | ≤ ${ms(r.targets.grid21Ms)} | ${ok(r.meetsTargets.grid21)} | ${ms(r.node.grid21CpuMs)} |

The last column is the engine alone in Node, in CPU time, so it does not grow when other processes share
the cores: with two idle cores, two workers need roughly half of it plus the pool's overhead.

Reproduce: \`npm run bench -- workers\` (or \`npx tsx tools/bench-workers.ts\`); JSON in \`${RESULTS}\`.`;
  writeSection('BENCHMARKS.md', 'workers', md);
  console.log(md);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runWorkersSection();

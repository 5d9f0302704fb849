// Benchmark of the road simulator in Node: how long a 100-second clip (2000 frames) takes to render,
// and closed-loop steps per second. Writes bench/results/driving-sim.json and its BENCHMARKS.md section.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { RoadSimulator, renderClip, TEST_SEEDS } from '../src/data/driving';
import { writeSection } from './bench-report';

export interface SimBenchRow {
  seed: number;
  frames: number;
  /** Best of the runs, after a warm-up render. */
  clipMs: number;
  framesPerSec: number;
  closedLoopStepsPerSec: number;
}

function best(runs: number, f: () => void): number {
  let b = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

export function benchSim(seeds: number[], frames: number, runs: number): SimBenchRow[] {
  renderClip({ seed: seeds[0], frames: 200 });
  return seeds.map((seed) => {
    const clipMs = best(runs, () => renderClip({ seed, frames }));
    const loopMs = best(runs, () => {
      const sim = new RoadSimulator(seed);
      for (let t = 0; t < frames; t++) sim.step();
    });
    return {
      seed,
      frames,
      clipMs,
      framesPerSec: (1000 * frames) / clipMs,
      closedLoopStepsPerSec: (1000 * frames) / loopMs,
    };
  });
}

export async function runDrivingSimSection(quick = false): Promise<SimBenchRow[]> {
  const load0 = loadavg();
  const seeds = Array.from({ length: quick ? 1 : 5 }, (_, i) => TEST_SEEDS.first + i);
  const rows = benchSim(seeds, quick ? 200 : 2000, quick ? 1 : 3);
  for (const r of rows)
    console.log(
      `seed ${r.seed}: ${r.frames} frames in ${r.clipMs.toFixed(0)} ms (${r.framesPerSec.toFixed(0)} frames/s), closed loop ${r.closedLoopStepsPerSec.toFixed(0)} steps/s`,
    );
  if (quick) return rows;
  const when = new Date().toISOString();
  const out = 'bench/results/driving-sim.json';
  mkdirSync('bench/results', { recursive: true });
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    loadavg: [load0, loadavg()],
  };
  writeFileSync(out, `${JSON.stringify({ generatedAt: when, machine, rows }, null, 2)}\n`);
  const lines = [
    '## Road simulator (Node)',
    '',
    `Measured ${when.slice(0, 10)} by \`npm run bench -- driving-sim\`: one 64×32 grey clip per seed rendered by \`renderClip\` (best of 3 after a warm-up), and the same drive stepped in closed loop through \`RoadSimulator.step()\` (a fresh frame array per step). Load average ${load0.map((v) => v.toFixed(1)).join(', ')} at the start (a shared machine).`,
    '',
    '| seed | frames | clip (ms) | frames/s | closed-loop steps/s |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.seed} | ${r.frames} | ${r.clipMs.toFixed(0)} | ${r.framesPerSec.toFixed(0)} | ${r.closedLoopStepsPerSec.toFixed(0)} |`,
    ),
  ];
  writeSection('BENCHMARKS.md', 'driving-sim', lines.join('\n'));
  console.log(`wrote ${out} and the driving-sim section of BENCHMARKS.md`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runDrivingSimSection(process.argv.includes('--quick'));
}

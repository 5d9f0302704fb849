// The driving view's worker calls, measured in this thread on the engine service the page's workers
// run: re-rendering and checking a 100-second test clip from its seed, and the live road in closed
// loop (per-frame cost against the 50 ms a frame has at 20 fps; lane keeping and firing at several
// thresholds over a 100-second drive). Writes bench/results/driving-view.json and its BENCHMARKS.md section.
// CLI: npx tsx tools/bench-driving-view.ts [--model X.dlm --pack Y.dlp] [--frames 2000] [--print]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RoadFrame } from '../src/workers/api';
import { EngineService } from '../src/workers/engine-service';
import { writeSection } from './bench-report';
import { readManifest } from './lib/manifest';

export interface DriveRow {
  thetaX: number;
  thetaH: number;
  frames: number;
  offRoadAt: number | null;
  rmsLateral: number;
  maxLateral: number;
  /** Fired entries per frame, mean, and mean over the quarter of frames with the most / least steering. */
  firedPerFrame: number;
  firedInBends: number;
  firedOnStraights: number;
  gruSpeedup: number;
  wholeSpeedup: number;
  /** The same with the CNN run as a delta CNN (only what changed recomputed). */
  deltaCnnMacsPerFrame: number;
  wholeDeltaCnnSpeedup: number;
}

export interface DrivingViewBench {
  generatedAt: string;
  machine: { cpus: number; cpu: string; node: string; loadavg: number[] };
  model: string;
  pack: string;
  clip: {
    frames: number;
    ms: number;
    msPerFrame: number;
    digestOk: boolean;
    featureMismatches: number;
    deltaCnnMacsPerFrame: number;
  };
  live: { frames: number; msPerFrame: number; worstCallMs: number; framesPerCall: number };
  drives: DriveRow[];
}

const buf = (path: string) => {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

function defaults(): { model: string; pack: string } {
  const m = readManifest('public/models/manifest.json');
  const entry =
    m.models.find((e) => e.task === 'driving' && e.method === 'delta-l1') ??
    m.models.find((e) => e.task === 'driving');
  const pack = entry && m.packs.find((p) => p.id === entry.pack);
  if (!entry || !pack)
    throw new Error('no driving model in public/models/manifest.json (pass --model and --pack)');
  return { model: join('public/models', entry.file), pack: join('public/models', pack.file) };
}

const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / Math.max(1, xs.length);

export async function runDrivingViewSection(args = process.argv.slice(2)): Promise<DrivingViewBench> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      pack: { type: 'string' },
      frames: { type: 'string', default: '2000' },
      print: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const paths = values.model && values.pack ? { model: values.model, pack: values.pack } : defaults();
  const frames = Number(values.frames);
  const s = new EngineService();
  const info = await s.loadModel('car', buf(paths.model));
  await s.loadPack('clips', buf(paths.pack));
  const trained = { thetaX: info.trainedThresholds.thetaX[0], thetaH: info.trainedThresholds.thetaH[0] };

  let t0 = performance.now();
  const clip = await s.drivingClip(1, { modelId: 'car', packId: 'clips', itemIndex: 0 });
  const clipMs = performance.now() - t0;

  // The page asks for 1-2 frames per animation frame; the worst call is what the heartbeat sees.
  const perCall = 2;
  const th = (t: { thetaX: number; thetaH: number }) => ({ thetaX: [t.thetaX], thetaH: [t.thetaH] });
  await s.roadStart({
    sessionId: 'bench',
    modelId: 'car',
    seed: 200_100,
    thresholds: th(trained),
    mode: 'fixed',
  });
  let worst = 0;
  t0 = performance.now();
  for (let k = 0; k < frames; k += perCall) {
    const c0 = performance.now();
    await s.roadRun(k, 'bench', perCall);
    worst = Math.max(worst, performance.now() - c0);
  }
  const liveMs = performance.now() - t0;

  const drives: DriveRow[] = [];
  const uniform = [0, 2, 4, 6, 8, 12, 16, 32].map((t) => ({ thetaX: t, thetaH: t }));
  for (const theta of [trained, ...uniform]) {
    await s.roadStart({
      sessionId: 'd',
      modelId: 'car',
      seed: 200_100,
      thresholds: th(theta),
      mode: 'fixed',
    });
    const all: RoadFrame[] = [];
    let offRoadAt: number | null = null;
    for (let k = 0; k < frames && offRoadAt === null; k += 200) {
      const batch = await s.roadRun(2, 'd', Math.min(200, frames - k));
      for (const f of batch.frames) {
        all.push(f);
        if (f.offRoad && offRoadAt === null) offRoadAt = f.t;
      }
    }
    const last = (await s.roadRun(3, 'd', 0)).totals;
    const sorted = [...all].sort((a, c) => Math.abs(a.steering) - Math.abs(c.steering));
    const q = Math.max(1, Math.floor(sorted.length / 4));
    const fired = (xs: typeof all) => mean(xs.map((f) => f.nx + f.nh));
    drives.push({
      ...theta,
      frames: last.frames,
      offRoadAt,
      rmsLateral: last.rmsLateral,
      maxLateral: last.maxLateral,
      firedPerFrame: fired(all),
      firedInBends: fired(sorted.slice(-q)),
      firedOnStraights: fired(sorted.slice(0, q)),
      gruSpeedup: last.figures.speedup,
      wholeSpeedup: last.whole.wholeSpeedup,
      deltaCnnMacsPerFrame: last.whole.deltaCnn?.cnnMacs ?? Number.NaN,
      wholeDeltaCnnSpeedup: last.whole.deltaCnn?.wholeSpeedup ?? Number.NaN,
    });
  }
  const result: DrivingViewBench = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version, loadavg: loadavg() },
    model: paths.model,
    pack: paths.pack,
    clip: {
      frames: clip.length,
      ms: clipMs,
      msPerFrame: clipMs / clip.length,
      digestOk: clip.digest === clip.packDigest,
      featureMismatches: clip.featureMismatches,
      deltaCnnMacsPerFrame: clip.deltaCnnMacsPerFrame,
    },
    live: { frames, msPerFrame: liveMs / frames, worstCallMs: worst, framesPerCall: perCall },
    drives,
  };
  const md = markdown(result);
  console.log(md);
  if (!values.print) {
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/driving-view.json', `${JSON.stringify(result, null, 1)}\n`);
    writeSection('BENCHMARKS.md', 'driving-view', md);
  }
  return result;
}

function markdown(r: DrivingViewBench): string {
  const rows = r.drives
    .map(
      (d) =>
        `| ${d.thetaX} / ${d.thetaH} | ${d.frames} | ${d.offRoadAt ?? '–'} | ${d.rmsLateral.toFixed(2)} | ${d.maxLateral.toFixed(2)} | ${d.firedOnStraights.toFixed(1)} | ${d.firedInBends.toFixed(1)} | ${d.gruSpeedup.toFixed(0)}x | ${d.wholeSpeedup.toFixed(2)}x | ${Math.round(d.deltaCnnMacsPerFrame)} | ${d.wholeDeltaCnnSpeedup.toFixed(2)}x |`,
    )
    .join('\n');
  return `## Driving view: clip re-rendering and the live road (simulated)

\`npx tsx tools/bench-driving-view.ts\` (also \`npm run bench -- driving-view\`): the engine service the page's workers run,
in one Node thread on ${r.machine.cpus} cores (${r.machine.cpu}, Node ${r.machine.node}, load ${r.machine.loadavg.map((v) => v.toFixed(1)).join(' ')}),
model \`${r.model}\`, ${r.generatedAt}.

- Re-rendering test clip 1 from its seed and checking it (digest, then every CNN feature code against the pack):
  ${r.clip.frames} frames in ${r.clip.ms.toFixed(0)} ms (${r.clip.msPerFrame.toFixed(2)} ms a frame); digest ${r.clip.digestOk ? 'matches' : 'DIFFERS'}, ${r.clip.featureMismatches} feature codes differ (checked through a delta CNN: ${Math.round(r.clip.deltaCnnMacsPerFrame)} MACs a frame instead of the dense CNN's).
- Live road (simulate, render, CNN, delta-GRU a frame): ${r.live.msPerFrame.toFixed(2)} ms a frame over ${r.live.frames} frames
  in calls of ${r.live.framesPerCall} frames (worst call ${r.live.worstCallMs.toFixed(1)} ms); a frame has 50 ms at 20 fps.

A ${r.live.frames}-frame drive (${(r.live.frames / 20).toFixed(0)} s) on the simulated test road (seed 200100) steered by the network in closed loop,
per threshold Θx / Θh (LSBs; the first row: the model's training thresholds); firing is entries (inputs + hidden units) transmitted per frame, on the quarter of frames with the
least steering ("straights") and the most ("bends"):

| Θx / Θh | frames | off road at | lane RMS (m) | max (m) | fired, straights | fired, bends | GRU speedup | whole-net speedup | delta-CNN MACs / frame | whole net, delta CNN |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runDrivingViewSection();

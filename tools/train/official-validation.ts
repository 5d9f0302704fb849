// Compares feature and fine-tune settings on the official split's validation takes only (5-14, the six
// speakers): the five methods are trained on takes 15-49 as `npm run train:digits` trains them, and
// each model is scored with the lab's fixed-point engine on the validation takes, clean and through
// the measurement channels (12 dB quieter, 300-3400 Hz band-limited: pipeline.ts CHANNELS), over the
// whole operating grid. Two threshold choices are reported: `plain` (highest validation speedup
// within `drop` of dense at Θ = 0 on the clean takes, what the pipeline shipped so far) and
// `channels` (the same, but the pair must hold within `drop` of that reference on every copy).
// The test takes (0-4) are never read.
// Usage: npx tsx tools/train/official-validation.ts [--data ../shared/data/fsdd]
//        [--out .tmp/official-validation] [--candidates name,name] [--seeds 1] [--jobs 2] [--list]
// Jobs are kept in <out>/ckpt under a hash of everything that shapes them (a fine-tune candidate
// reuses its dense job); results go to <out>/results.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compileModel } from '../../src/engine/compile';
import { evaluatePack, uniformThresholds } from '../../src/engine/evaluate';
import type { LogMelSpec } from '../../src/engine/features/logmel';
import type { Model, SamplePack } from '../../src/engine/types';
import { AUGMENT, type AugmentSettings } from './augment';
import { loadOutcome, saveOutcome } from './checkpoint';
import { baseSpec, channelExamples, fitNormalisation } from './dataset';
import { enginePoint, OPERATING_GRID } from './engine-eval';
import { provenance, toModel, toPack } from './export';
import { inTakes } from './fsdd';
import { epochsFor, type JobSpec, runJobs } from './jobs';
import { FULL, type Hyper, METHODS, type Method } from './methods';
import { CHANNELS, splitData } from './pipeline';
import { publishInto } from './publish';
import type { OfficialChoice, OfficialValidation } from './results-table';
import { recordings } from './speaker-validation';

export interface OfficialCandidate {
  name: string;
  about: string;
  hyper: Partial<Hyper>;
  methods: Method[];
  /** Changes to the waveform augmentation (tools/train/augment.ts AUGMENT) for this candidate. */
  augment?: Partial<AugmentSettings>;
}

/** The settings this comparison varies, as they were before it: every candidate changes these. */
const BEFORE: Partial<Hyper> = {
  runningMeanAnchor: undefined,
  tuneEpochs: 5,
  trainTheta: 6,
  l1Beta: 2e-3,
};

const ALL = [...METHODS];
const DELTA: Method[] = ['delta', 'delta-l1'];

const RAW: OfficialCandidate[] = [
  { name: 'base', about: 'the recipe before this comparison (shipped 723f380)', hyper: {}, methods: ALL },
  {
    name: 'anchor',
    about: "running mean started at the first frame's level (first-frame-level)",
    hyper: { runningMeanAnchor: 'first-frame-level' },
    methods: ALL,
  },
  {
    name: 'anchor-band',
    about: 'running mean started at the first frame per band (first-frame)',
    hyper: { runningMeanAnchor: 'first-frame' },
    methods: ALL,
  },
  { name: 'tune10', about: '10 fine-tune epochs', hyper: { tuneEpochs: 10 }, methods: DELTA },
  { name: 'theta8', about: 'training Θ 8', hyper: { trainTheta: 8 }, methods: DELTA },
  {
    name: 'theta8-tune10',
    about: 'training Θ 8, 10 fine-tune epochs',
    hyper: { trainTheta: 8, tuneEpochs: 10 },
    methods: DELTA,
  },
  { name: 'beta5', about: 'β 0.005', hyper: { l1Beta: 5e-3 }, methods: ['delta-l1'] },
];

/**
 * The second round (gen3), against the recipe shipped in d35eeac (FULL: level anchor, 10 fine-tune
 * epochs): the log floor (8% of the validation energies sat within 2.8 nats of 1e-6, where a level or
 * band change no longer shifts the log energy, so the running mean cannot cancel it), more and wider
 * band-pass augmentation, and longer delta fine-tunes.
 */
const ROUND2: OfficialCandidate[] = [
  {
    name: 'shipped',
    about: 'the recipe shipped in d35eeac (anchor, 10 fine-tune epochs)',
    hyper: {},
    methods: ALL,
  },
  { name: 'floor8', about: 'log floor 1e-8 instead of 1e-6', hyper: { logFloor: 1e-8 }, methods: ALL },
  { name: 'floor10', about: 'log floor 1e-10 instead of 1e-6', hyper: { logFloor: 1e-10 }, methods: ALL },
  {
    name: 'band7',
    about: 'band-pass augmentation with probability 0.7 instead of 0.4',
    hyper: {},
    augment: { bandProb: 0.7 },
    methods: ALL,
  },
  {
    name: 'band7-wide',
    about: 'band-pass augmentation p = 0.7, edges 150–600 and 2400–3800 Hz (was 150–450, 2800–3800)',
    hyper: {},
    augment: { bandProb: 0.7, lowHz: [150, 600], highHz: [2400, 3800] },
    methods: ALL,
  },
  { name: 'tune16', about: '16 fine-tune epochs instead of 10', hyper: { tuneEpochs: 16 }, methods: DELTA },
];

export const OFFICIAL_CANDIDATES: OfficialCandidate[] = [
  ...[
    ...RAW,
    // The fine-tune candidates again on the anchored features.
    ...RAW.filter((c) => c.methods === DELTA || c.name === 'beta5').map((c) => ({
      ...c,
      name: `anchor-${c.name}`,
      about: `anchor, ${c.about}`,
      hyper: { runningMeanAnchor: 'first-frame-level' as const, ...c.hyper },
    })),
  ].map((c) => ({ ...c, hyper: { ...BEFORE, ...c.hyper } })),
  // Relative to FULL as it is now: no BEFORE.
  ...ROUND2,
];

/** Fields a dense job does not read (fine-tune schedule, training thresholds, L1). */
const TUNE_ONLY: (keyof Hyper)[] = [
  'tuneEpochs',
  'tuneLr',
  'trainTheta',
  'thetaRamp',
  'l1Beta',
  'inputThetaRatio',
];

/** Fields no job reads (how operating points are chosen afterwards). */
const NOT_TRAINING: (keyof Hyper)[] = ['operatingPointChannels', 'cvTakes'];

export function jobKey(h: Hyper, method: Method, aug: AugmentSettings = AUGMENT): string {
  const shaped = Object.fromEntries(
    Object.entries(h).filter(
      ([k]) =>
        !NOT_TRAINING.includes(k as keyof Hyper) &&
        (method !== 'dense' || !TUNE_ONLY.includes(k as keyof Hyper)),
    ),
  );
  // Sorted, so that the key does not depend on the order FULL and the candidate list their fields in.
  const sorted = Object.fromEntries(Object.entries(shaped).sort(([a], [b]) => (a < b ? -1 : 1)));
  const key = JSON.stringify({ method, h: sorted, aug });
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) >>> 0;
  return `${method}-${hash.toString(16)}`;
}

interface Copy {
  id: string;
  pack: SamplePack;
}

interface Choice {
  thetaX: number;
  thetaH: number;
  withinDrop: boolean;
  speedup: number;
  /** Accuracy on each copy (clean first) at this pair. */
  accuracy: Record<string, number>;
}

export interface MethodResult {
  method: Method;
  bestEpoch: number;
  epochsRun: number;
  seconds: number;
  /** Accuracy and speedup on each copy at Θ = 0. */
  theta0: Record<string, number>;
  /** Predictions changed between the clean and each channel copy at Θ = 0 (fraction of recordings). */
  flips0: Record<string, number>;
  plain: Choice;
  channels: Choice;
  /** Predictions changed between the clean and each channel copy at the `channels` pair (absent in older results). */
  flipsChosen?: Record<string, number>;
  /** The same with the accuracy pooled over the clean takes and the copies (their mean). */
  pooled: Choice;
  /** Every pair of the operating grid: clean speedup, accuracy per copy. */
  grid: Grid;
}

export interface OfficialResult {
  name: string;
  about: string;
  seed: number;
  settings: unknown;
  reference: number;
  methods: MethodResult[];
  finishedAt: string;
}

type Grid = { thetaX: number; thetaH: number; speedup: number; acc: Record<string, number> }[];

/** Highest speedup whose accuracy on every copy in `on` is at least reference - drop (else the most accurate). */
export function choose(
  grid: Grid,
  on: string[],
  reference: number,
  drop: number,
  pool: 'worst' | 'mean' = 'worst',
): Choice {
  const worst = (g: Grid[number]) =>
    pool === 'worst'
      ? Math.min(...on.map((c) => g.acc[c]))
      : on.reduce((a, c) => a + g.acc[c], 0) / on.length;
  let best: Grid[number] | null = null;
  for (const g of grid)
    if (worst(g) >= reference - drop - 1e-9 && (!best || g.speedup > best.speedup)) best = g;
  let fallback = grid[0];
  for (const g of grid)
    if (worst(g) > worst(fallback) || (worst(g) === worst(fallback) && g.speedup > fallback.speedup))
      fallback = g;
  const g = best ?? fallback;
  return {
    thetaX: g.thetaX,
    thetaH: g.thetaH,
    withinDrop: best !== null,
    speedup: g.speedup,
    accuracy: g.acc,
  };
}

function scoreGrid(model: Model, copies: Copy[]): Grid {
  return OPERATING_GRID.map((p) => {
    const acc: Record<string, number> = {};
    let speedup = 0;
    for (const c of copies) {
      const r = enginePoint(model, c.pack, p, 'fixed');
      acc[c.id] = r.accuracy;
      if (c.id === 'clean') speedup = r.speedup;
    }
    return { ...p, speedup, acc };
  });
}

async function runCandidate(
  c: OfficialCandidate,
  seed: number,
  data: string,
  out: string,
  jobs: number,
  drop: number,
): Promise<OfficialResult> {
  const h: Hyper = { ...FULL, ...c.hyper, seed };
  const aug: AugmentSettings = { ...AUGMENT, ...c.augment };
  const recs = recordings(data, join(out, '..', 'speaker-validation'), h, aug).filter(
    (r) => !inTakes(r.file, h.testTakes),
  );
  const train = recs.filter((r) => inTakes(r.file, h.trainTakes));
  const val = recs.filter((r) => inTakes(r.file, h.valTakes));
  const spec: LogMelSpec = fitNormalisation(
    [...train, ...val],
    baseSpec(h),
    h.runningMeanDecay,
    h.runningMeanAnchor,
  );
  const split = splitData(train, val, spec);
  const all: Method[] = ['dense', ...c.methods.filter((m) => m !== 'dense')];
  const specs: JobSpec[] = all.map((m) => ({
    id: m,
    method: m,
    split: 'official',
    initFrom: m === 'dense' ? null : 'dense',
  }));
  const ckpt = join(out, 'ckpt');
  const keys = new Map(all.map((m) => [m, jobKey(h, m, aug)]));
  const t0 = performance.now();
  const outcomes = await runJobs(
    specs,
    h,
    { official: split },
    jobs,
    {
      onStart: (job) => console.log(`${c.name}#${seed} ${job.id}: ${epochsFor(job.method, h)} epochs`),
      onEpoch: (job, r) =>
        console.log(
          `${c.name}#${seed} ${job.id} epoch ${r.epoch}: train ${(100 * r.trainAccuracy).toFixed(1)}% val ${(100 * r.valAccuracy).toFixed(1)}% (${r.seconds.toFixed(0)} s)`,
        ),
      onBatch: () => {},
      onDone: (job, o) => {
        if (!o.resumed) saveOutcome(ckpt, { ...o, id: keys.get(job.method)! });
        console.log(
          `${c.name}#${seed} ${job.id}: ${o.resumed ? 'from checkpoint' : `${o.seconds.toFixed(0)} s`}`,
        );
      },
    },
    (job) => {
      const o = loadOutcome(ckpt, keys.get(job.method)!);
      return o && { ...o, id: job.id };
    },
  );
  const prov = provenance('dense', seed, 'official validation');
  const trained = { thetaX: h.inputThetaRatio * h.trainTheta, thetaH: h.trainTheta };
  const model = (m: Method) => toModel(outcomes.get(m)!.result.params, m, spec, trained, prov);
  const valFiles = split.val.map((e) => e.file);
  const copies: Copy[] = [
    { id: 'clean', pack: toPack('val', split.val, spec, prov) },
    ...CHANNELS.map((ch) => ({
      id: ch.id,
      pack: toPack(`val-${ch.id}`, channelExamples(valFiles, spec, ch.change), spec, prov),
    })),
  ];
  const ids = copies.map((x) => x.id);
  const reference = enginePoint(model('dense'), copies[0].pack, { thetaX: 0, thetaH: 0 }, 'fixed').accuracy;
  const methods = all.map((m): MethodResult => {
    const mdl = model(m);
    const o = outcomes.get(m)!;
    const zero = copies.map((x) => ({
      id: x.id,
      r: enginePointWithPredictions(mdl, x.pack),
    }));
    const clean = zero[0].r.predictions;
    const grid = scoreGrid(mdl, copies);
    const channels = choose(grid, ids, reference, drop);
    const at = copies.map((x) => enginePointWithPredictions(mdl, x.pack, channels).predictions);
    return {
      method: m,
      bestEpoch: o.result.bestEpoch,
      epochsRun: o.result.epochs.length,
      seconds: o.seconds,
      theta0: Object.fromEntries(zero.map((z) => [z.id, z.r.accuracy])),
      flips0: Object.fromEntries(
        zero
          .slice(1)
          .map((z) => [z.id, z.r.predictions.filter((p, i) => p !== clean[i]).length / clean.length]),
      ),
      plain: choose(grid, ['clean'], reference, drop),
      channels,
      flipsChosen: Object.fromEntries(
        copies
          .slice(1)
          .map((x, k) => [x.id, at[k + 1].filter((p, i) => p !== at[0][i]).length / clean.length]),
      ),
      pooled: choose(grid, ids, reference, drop, 'mean'),
      grid,
    };
  });
  console.log(`${c.name}#${seed}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return {
    name: c.name,
    about: c.about,
    seed,
    settings: c.hyper,
    reference,
    methods,
    finishedAt: new Date().toISOString(),
  };
}

/** A pair (Θ = 0 unless given) with the per-recording predictions (enginePoint drops them; the flips need them). */
function enginePointWithPredictions(
  model: Model,
  pack: SamplePack,
  g: { thetaX: number; thetaH: number } = { thetaX: 0, thetaH: 0 },
) {
  const r = evaluatePack(compileModel(model, 'fixed'), pack, uniformThresholds(1, g.thetaX, g.thetaH));
  return { accuracy: r.accuracy ?? 0, predictions: Array.from(r.predictions) };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}`;

export function table(results: OfficialResult[]): string {
  const head =
    '| candidate | seed | method | epochs (best) | Θ=0 clean / quieter / band (flips) | plain Θ: val speedup, clean / quieter / band | channel-aware Θ: val speedup, clean / quieter / band |';
  const rows = results.flatMap((r) =>
    r.methods.map((m) => {
      const ch = CHANNELS.map((c) => c.id);
      const z = `${pct(m.theta0.clean)} / ${ch.map((c) => `${pct(m.theta0[c])} (${pct(m.flips0[c])})`).join(' / ')}`;
      const pick = (x: Choice) =>
        `${x.thetaX},${x.thetaH}${x.withinDrop ? '' : '!'}: ${x.speedup.toFixed(1)}x, ${['clean', ...ch].map((c) => pct(x.accuracy[c])).join(' / ')}`;
      return `| ${r.name} | ${r.seed} | ${m.method} | ${m.epochsRun} (${m.bestEpoch}) | ${z} | ${pick(m.plain)} | ${pick(m.channels)} |`;
    }),
  );
  return [head, `|${' --- |'.repeat(7)}`, ...rows].join('\n');
}

/** Means over seeds per candidate and method, as RESULTS.md prints them (results-table.ts OfficialValidation). */
export function publishedOfficial(
  results: OfficialResult[],
  shipped: string[],
  decision?: string,
): OfficialValidation {
  const groups = new Map<string, OfficialResult[]>();
  for (const r of results) groups.set(r.name, [...(groups.get(r.name) ?? []), r]);
  const order = OFFICIAL_CANDIDATES.map((c) => c.name);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanOf = (rs: Record<string, number>[]) =>
    Object.fromEntries(Object.keys(rs[0]).map((k) => [k, avg(rs.map((r) => r[k]))]));
  const rows = [...groups]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .flatMap(([name, rs]) =>
      // The dense model a fine-tune candidate starts from is its feature candidate's row already.
      rs[0].methods
        .filter((m) => OFFICIAL_CANDIDATES.find((c) => c.name === name)?.methods.includes(m.method) ?? true)
        .map((m0) => {
          const ms = rs.map((r) => r.methods.find((m) => m.method === m0.method)!);
          const choice = (pick: (m: MethodResult) => Choice): OfficialChoice => ({
            pairs: ms.map(
              (m) => `${pick(m).thetaX},${pick(m).thetaH}${pick(m).withinDrop ? '' : ' (none within)'}`,
            ),
            speedup: avg(ms.map((m) => pick(m).speedup)),
            accuracy: meanOf(ms.map((m) => pick(m).accuracy)),
          });
          return {
            name,
            about: rs[0].about,
            method: m0.method,
            seeds: rs.map((r) => r.seed).sort((a, b) => a - b),
            shipped: shipped.includes(name),
            theta0: meanOf(ms.map((m) => m.theta0)),
            flips0: meanOf(ms.map((m) => m.flips0)),
            ...(ms.every((m) => m.flipsChosen) ? { flipsChosen: meanOf(ms.map((m) => m.flipsChosen!)) } : {}),
            plain: choice((m) => m.plain),
            channels: choice((m) => m.channels),
          };
        }),
    );
  return {
    command: 'npx tsx tools/train/official-validation.ts',
    ...(decision ? { decision } : {}),
    channels: CHANNELS.map((c) => ({ id: c.id, label: c.label })),
    rows,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/fsdd' },
      out: { type: 'string', default: '.tmp/official-validation' },
      candidates: { type: 'string', default: 'base' },
      seeds: { type: 'string', default: '1' },
      jobs: { type: 'string', default: '2' },
      drop: { type: 'string', default: '0.01' },
      list: { type: 'boolean', default: false },
      /** Add the mean-over-seeds comparison to this file (bench/results/speaker-validation.json's `official`). */
      publish: { type: 'string' },
      /** The candidates the shipped settings are (comma-separated). */
      shipped: { type: 'string', default: 'base' },
      decision: { type: 'string' },
    },
  });
  if (values.list) {
    for (const c of OFFICIAL_CANDIDATES) console.log(`${c.name}: ${c.about} (${c.methods.join(', ')})`);
    return;
  }
  mkdirSync(values.out, { recursive: true });
  const store = join(values.out, 'results.json');
  for (const name of values.candidates.split(',').filter(Boolean))
    for (const seed of values.seeds.split(',').map(Number)) {
      const c = OFFICIAL_CANDIDATES.find((x) => x.name === name);
      if (!c) throw new Error(`unknown candidate ${name} (--list shows them)`);
      const r = await runCandidate(
        c,
        seed,
        values.data,
        values.out,
        Number(values.jobs),
        Number(values.drop),
      );
      const now: OfficialResult[] = existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : [];
      const kept = now.filter((x) => !(x.name === r.name && x.seed === r.seed));
      writeFileSync(store, `${JSON.stringify([...kept, r], null, 1)}\n`);
    }
  const results: OfficialResult[] = existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : [];
  console.log(table(results));
  if (values.publish) {
    publishInto(
      values.publish,
      'official',
      publishedOfficial(results, values.shipped.split(','), values.decision),
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

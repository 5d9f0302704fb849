// Compares fine-tune recipes of the delta methods on the pipeline's cross-validation folds (takes
// 5-14 with the shipped split's training takes, and each of Hyper.cvTakes with the rest of 5-49),
// exactly as `npm run train:digits` chooses operating points: each candidate's delta / delta-l1 fold
// models start from the pipeline's own dense fold checkpoints, and selectOnFolds picks the pair on the
// 2400 validation takes and their channel copies pooled. The test takes (0-4) are never read.
// Usage: npx tsx tools/train/fold-validation.ts --dense .tmp/ckpt-cv [--data ../shared/data/fsdd]
//        [--out .tmp/fold-validation] [--candidates shipped,ramp3] [--methods delta,delta-l1] [--jobs 2]
//        [--publish bench/results/fold-validation.json] [--list]
// A candidate's fold jobs are kept in <out>/<candidate>/ under the pipeline's job ids, so the chosen
// one's checkpoints can resume a full `npm run train:digits -- --checkpoints` run with that recipe.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AUGMENT } from './augment';
import { loadOutcome, saveOutcome } from './checkpoint';
import { enginePoint, type OperatingPoint, selectOnFolds, type ValidationFold } from './engine-eval';
import { provenance, toModel } from './export';
import { inTakes } from './fsdd';
import { type JobSpec, runJobs } from './jobs';
import { FULL, type Hyper, type Method } from './methods';
import { cvFoldSplits, makeSplit, validationOf } from './pipeline';
import { publishInto } from './publish';
import type { FoldValidation } from './results-table';
import { recordings } from './speaker-validation';

export interface FoldCandidate {
  name: string;
  about: string;
  /** Fine-tune settings only: the dense fold models are the pipeline's, shared by every candidate. */
  hyper: Partial<Pick<Hyper, 'tuneEpochs' | 'tuneLr' | 'trainTheta' | 'thetaRamp' | 'distill' | 'l1Beta'>>;
}

export const FOLD_CANDIDATES: FoldCandidate[] = [
  {
    name: 'lr1',
    about: 'fine-tune learning rate 1e-3 (the recipe before this comparison)',
    hyper: { tuneLr: 1e-3 },
  },
  {
    name: 'ramp3',
    about: 'lr 1e-3, thresholds rising to Θ 6 over the first 3 fine-tune epochs',
    hyper: { tuneLr: 1e-3, thetaRamp: 3 },
  },
  {
    name: 'ramp5',
    about: 'lr 1e-3, thresholds rising to Θ 6 over the first 5 fine-tune epochs',
    hyper: { tuneLr: 1e-3, thetaRamp: 5 },
  },
  { name: 'lr2', about: 'fine-tune learning rate 2e-3', hyper: { tuneLr: 2e-3 } },
  { name: 'lr3', about: 'fine-tune learning rate 3e-3 (the dense rate)', hyper: { tuneLr: 3e-3 } },
  {
    name: 'lr2-distill5',
    about: 'fine-tune learning rate 2e-3, distillation 0.5',
    hyper: { tuneLr: 2e-3, distill: 0.5 },
  },
];

export interface FoldResult {
  name: string;
  about: string;
  settings: FoldCandidate['hyper'];
  method: Method;
  /** Best epoch / epochs run of each fold's model. */
  epochs: { fold: string; best: number; run: number; seconds: number }[];
  choice: OperatingPoint;
  /** Pooled worst-of-copies accuracy and speedup at a few pairs, for seeing how near the 10x pairs come. */
  at: { thetaX: number; thetaH: number; worst: number; speedup: number }[];
  finishedAt: string;
}

const LOOK_AT = [
  { thetaX: 3, thetaH: 6 },
  { thetaX: 6, thetaH: 6 },
  { thetaX: 7, thetaH: 7 },
];

async function runCandidate(
  c: FoldCandidate,
  methods: Method[],
  data: string,
  denseDir: string,
  out: string,
  jobs: number,
): Promise<FoldResult[]> {
  const h: Hyper = { ...FULL, ...c.hyper };
  mkdirSync(join(out, 'features'), { recursive: true });
  const recs = recordings(data, join(out, 'features'), h, AUGMENT).filter(
    (r) => !inTakes(r.file, h.testTakes),
  );
  // The shipped models' own validation split first, then the pipeline's cross-validation folds.
  const folds = [
    {
      name: `takes ${h.valTakes[0]}-${h.valTakes[1]}`,
      suffix: '',
      split: makeSplit(
        recs,
        h,
        (f) => inTakes(f, h.trainTakes),
        (f) => inTakes(f, h.valTakes),
        () => false,
      ),
    },
    ...cvFoldSplits(recs, h),
  ];
  const specs: JobSpec[] = folds.flatMap((f) => [
    { id: `dense${f.suffix}`, method: 'dense' as Method, split: f.name, initFrom: null },
    ...methods.map((m) => ({
      id: `${m}${f.suffix}`,
      method: m,
      split: f.name,
      initFrom: `dense${f.suffix}`,
    })),
  ]);
  const dir = join(out, c.name);
  // A candidate that is the recipe itself: its fine-tunes are the pipeline run's own, in denseDir.
  const shipped = Object.entries(c.hyper).every(([k, v]) => FULL[k as keyof Hyper] === v);
  const outcomes = await runJobs(
    specs,
    h,
    Object.fromEntries(folds.map((f) => [f.name, f.split.data])),
    jobs,
    {
      onStart: (job) => console.log(`${c.name} ${job.id}: start`),
      onEpoch: (job, r) =>
        console.log(
          `${c.name} ${job.id} epoch ${r.epoch}: train ${(100 * r.trainAccuracy).toFixed(1)}% val ${(100 * r.valAccuracy).toFixed(1)}% (${r.seconds.toFixed(0)} s)`,
        ),
      onBatch: () => {},
      onDone: (_job, o) => {
        if (!o.resumed) saveOutcome(dir, o);
      },
    },
    (job) => {
      const saved =
        job.method === 'dense' || shipped ? loadOutcome(denseDir, job.id) : loadOutcome(dir, job.id);
      if (!saved && job.method === 'dense') throw new Error(`no dense checkpoint ${job.id} in ${denseDir}`);
      return saved;
    },
  );
  const prov = provenance('dense', h.seed, 'fold validation');
  const trained = { thetaX: h.inputThetaRatio * h.trainTheta, thetaH: h.trainTheta };
  const model = (m: Method, f: (typeof folds)[number]) =>
    toModel(outcomes.get(`${m}${f.suffix}`)!.result.params, m, f.split.spec, trained, prov);
  const evalFolds = folds.map((f) => ({
    ...f,
    ...validationOf(f.split, model('dense', f), h, `cv-${f.name}`, prov),
  }));
  return methods.map((m) => {
    const vf: ValidationFold[] = evalFolds.map((f) => ({
      id: f.name,
      model: model(m, f),
      pack: f.val,
      reference: f.reference,
      copies: f.copies,
    }));
    const choice = selectOnFolds(vf, 0.01);
    const total = vf.reduce((a, f) => a + f.pack.items.length, 0);
    const at = LOOK_AT.map((g) => {
      const per = vf.map((f) => {
        const p = enginePoint(f.model, f.pack, g, 'fixed');
        const accs = [p.accuracy, ...f.copies.map((x) => enginePoint(f.model, x.pack, g, 'fixed').accuracy)];
        return { accs, speedup: p.speedup, n: f.pack.items.length };
      });
      const pooled = (k: number) => per.reduce((a, p) => a + p.accs[k] * p.n, 0) / total;
      return {
        ...g,
        worst: Math.min(...per[0].accs.map((_, k) => pooled(k))),
        speedup: per.reduce((a, p) => a + p.speedup * p.n, 0) / total,
      };
    });
    const r: FoldResult = {
      name: c.name,
      about: c.about,
      settings: c.hyper,
      method: m,
      epochs: folds.map((f) => {
        const o = outcomes.get(`${m}${f.suffix}`)!;
        return { fold: f.name, best: o.result.bestEpoch, run: o.result.epochs.length, seconds: o.seconds };
      }),
      choice,
      at,
      finishedAt: new Date().toISOString(),
    };
    console.log(line(r, choice.reference));
    return r;
  });
}

/** The comparison as RESULTS.md prints it (results-table.ts FoldValidation), in FOLD_CANDIDATES order. */
export function publishedFolds(results: FoldResult[], shipped: string, decision?: string): FoldValidation {
  const order = FOLD_CANDIDATES.map((c) => c.name);
  const rows = [...results]
    .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name) || (a.method < b.method ? -1 : 1))
    .map((r) => ({
      name: r.name,
      about: r.about,
      method: r.method,
      shipped: r.name === shipped,
      reference: r.choice.reference,
      choice: {
        thetaX: r.choice.thetaX,
        thetaH: r.choice.thetaH,
        withinDrop: r.choice.withinDrop,
        speedup: r.choice.valSpeedup,
        accuracy: r.choice.valAccuracy,
      },
      at: r.at,
    }));
  const first = results[0]?.choice;
  return {
    command: 'npx tsx tools/train/fold-validation.ts --dense <checkpoints of npm run train:digits>',
    ...(decision ? { decision } : {}),
    items: first?.folds?.reduce((a, f) => a + f.items, 0) ?? 0,
    copies: first?.valCopies?.map((c) => c.id) ?? [],
    rows,
  };
}

const pct = (v: number) => (100 * v).toFixed(2);

function line(r: FoldResult, reference: number): string {
  const c = r.choice;
  const looks = r.at
    .map((a) => `${a.thetaX},${a.thetaH}: ${pct(a.worst)} ${a.speedup.toFixed(1)}x`)
    .join('; ');
  return `${r.name} ${r.method}: Θx ${c.thetaX}, Θh ${c.thetaH}${c.withinDrop ? '' : ' (none within)'} ${c.valSpeedup.toFixed(2)}x, clean ${pct(c.valAccuracy)} (reference ${pct(reference)}); worst of copies at ${looks}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/fsdd' },
      dense: { type: 'string' },
      out: { type: 'string', default: '.tmp/fold-validation' },
      candidates: { type: 'string', default: '' },
      methods: { type: 'string', default: 'delta,delta-l1' },
      jobs: { type: 'string', default: '2' },
      /** Add the comparison to this file (bench/results/speaker-validation.json's `folds`). */
      publish: { type: 'string' },
      /** The candidate the shipped recipe is. */
      shipped: { type: 'string', default: 'lr3' },
      decision: { type: 'string' },
      list: { type: 'boolean', default: false },
    },
  });
  if (values.list) {
    for (const c of FOLD_CANDIDATES) console.log(`${c.name}: ${c.about}`);
    return;
  }
  if (!values.dense)
    throw new Error('--dense <dir> (the checkpoints of a `npm run train:digits` run) is required');
  const methods = values.methods.split(',') as Method[];
  for (const m of methods)
    if (m !== 'delta' && m !== 'delta-l1') throw new Error(`--methods: ${m} is not a delta method`);
  mkdirSync(values.out, { recursive: true });
  const store = join(values.out, 'results.json');
  for (const name of values.candidates.split(',').filter(Boolean)) {
    const c = FOLD_CANDIDATES.find((x) => x.name === name);
    if (!c) throw new Error(`unknown candidate ${name} (--list shows them)`);
    const rs = await runCandidate(c, methods, values.data, values.dense, values.out, Number(values.jobs));
    const now: FoldResult[] = existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : [];
    const kept = now.filter((x) => !rs.some((r) => r.name === x.name && r.method === x.method));
    writeFileSync(store, `${JSON.stringify([...kept, ...rs], null, 1)}\n`);
  }
  const all: FoldResult[] = existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : [];
  for (const r of all) console.log(line(r, r.choice.reference));
  if (values.publish) {
    publishInto(values.publish, 'folds', publishedFolds(all, values.shipped, values.decision));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

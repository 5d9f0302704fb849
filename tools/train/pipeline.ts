// The whole digits pipeline: features (clean and augmented), the five methods on the official split,
// leave-one-speaker-out folds, export, engine-scored curves, operating points chosen on validation,
// measurements on changed channels and synthesized voices, reports and manifest entries.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogMelSpec } from '../../src/engine/features/logmel';
import { encodeModel } from '../../src/engine/format/index';
import type { Model, SamplePack } from '../../src/engine/types';
import { readManifest, upsertModel, upsertPack, writeManifest } from '../lib/manifest';
import { AUGMENT, bandPass } from './augment';
import { loadOutcome, saveOutcome } from './checkpoint';
import {
  baseSpec,
  channelExamples,
  type Example,
  fitNormalisation,
  loadRecordings,
  type Recording,
  toExamples,
} from './dataset';
import {
  curveGrid,
  type EnginePoint,
  engineCurve,
  enginePoint,
  type OperatingPoint,
  selectOnFolds,
  selectOnValidation,
  type ValidationFold,
} from './engine-eval';
import { provenance, toModel, toPack } from './export';
import { type FsddFile, inTakes, listFsdd } from './fsdd';
import { type JobOutcome, type JobProgress, type JobSpec, runJobs, type SplitData } from './jobs';
import { forwardFor, type Hyper, METHOD_LABELS, type Method } from './methods';
import { synthExamples } from './synth-eval';
import { TEST_PACK_NOTES, writeTestPack } from './test-pack';

export interface PipelineOptions {
  data: string;
  out: string;
  methods: Method[];
  hyper: Hyper;
  /** Worker threads (0: train in this thread). */
  parallel: number;
  /** When set, each finished job is written there as soon as it finishes. */
  checkpoints?: string;
  /** Reuse the finished jobs found in `checkpoints` instead of training them again. */
  resume?: boolean;
  /** Folder of the synthesized (espeak-ng) digits to measure on (tools/make-synth-digits.ts); none: skipped. */
  synth?: string;
  progress: JobProgress;
  log: (line: string) => void;
}

export const PACK_ID = 'digits-test';

/** The measurement copies of the test split: a telephone band and a quieter recording level. */
export const CHANNELS: { id: string; label: string; change: (x: Float32Array) => Float32Array }[] = [
  { id: 'band-limited', label: '300–3400 Hz band-limited', change: (x) => bandPass(x, 8000, 300, 3400) },
  { id: 'quieter', label: '12 dB quieter', change: (x) => x.map((v) => v * 10 ** (-12 / 20)) },
];

export interface Split {
  spec: LogMelSpec;
  data: SplitData;
  test: Example[];
}

/** A split's training and validation examples (the training ones with their variants) under spec. */
export function splitData(train: Recording[], val: Recording[], spec: LogMelSpec): SplitData {
  return {
    train: toExamples(train, spec, true),
    val: toExamples(val, spec, false),
    gainShift: spec.std.map((sd) => spec.scale / sd),
    gainFloor: spec.std.map((sd, b) => ((Math.log(spec.logFloor) - spec.mean[b]) / sd) * spec.scale),
  };
}

export function makeSplit(
  recs: Recording[],
  h: Hyper,
  isTrain: (f: FsddFile) => boolean,
  isVal: (f: FsddFile) => boolean,
  isTest: (f: FsddFile) => boolean,
): Split {
  const train = recs.filter((r) => isTrain(r.file));
  const val = recs.filter((r) => isVal(r.file));
  // Normalisation statistics come from the split's training speakers and takes only (train + validation).
  const spec = fitNormalisation([...train, ...val], baseSpec(h), h.runningMeanDecay, h.runningMeanAnchor);
  return {
    spec,
    data: splitData(train, val, spec),
    test: toExamples(
      recs.filter((r) => isTest(r.file)),
      spec,
      false,
    ),
  };
}

/**
 * Cross-validation folds for the operating-point choice (Hyper.cvTakes): each fold's takes validate,
 * the rest of trainTakes and valTakes train (no test takes at all).
 */
/** Trained on `train`'s takes but their validation takes, validated on those, tested on all of `test`. */
export function speakerSplit(recs: Recording[], h: Hyper, train: string[], test: string): Split {
  const isVal = (f: FsddFile) => inTakes(f, h.valTakes);
  return makeSplit(
    recs,
    h,
    (f) => train.includes(f.speaker) && !isVal(f),
    (f) => train.includes(f.speaker) && isVal(f),
    (f) => f.speaker === test,
  );
}

export function cvFoldSplits(recs: Recording[], h: Hyper): { name: string; suffix: string; split: Split }[] {
  return h.cvTakes.map((takes) => ({
    name: `takes ${takes[0]}-${takes[1]}`,
    suffix: `#${takes[0]}-${takes[1]}`,
    split: makeSplit(
      recs,
      h,
      (f) => (inTakes(f, h.trainTakes) || inTakes(f, h.valTakes)) && !inTakes(f, takes),
      (f) => inTakes(f, takes),
      () => false,
    ),
  }));
}

/**
 * A split's validation takes as a pack, their copies through the measurement channels (when the
 * operating point must hold on them too: Hyper.operatingPointChannels) and the dense model's accuracy
 * there at Θ = 0, the reference of the choice.
 */
export function validationOf(f: Split, dense: Model, h: Hyper, prefix: string, prov: Model['provenance']) {
  const val = toPack(`${prefix}-validation`, f.data.val, f.spec, prov);
  const files = f.data.val.map((e) => e.file);
  return {
    val,
    copies: h.operatingPointChannels
      ? CHANNELS.map((c) => ({
          id: c.id,
          pack: toPack(
            `${prefix}-validation-${c.id}`,
            channelExamples(files, f.spec, c.change),
            f.spec,
            prov,
          ),
        }))
      : [],
    reference: enginePoint(dense, val, { thetaX: 0, thetaH: 0 }, 'fixed').accuracy,
  };
}

function jobsFor(methods: Method[], split: string, suffix: string): JobSpec[] {
  const all: Method[] = methods.includes('dense') ? methods : ['dense', ...methods];
  return all.map((method) => ({
    id: `${method}${suffix}`,
    method,
    split,
    initFrom: method === 'dense' ? null : `dense${suffix}`,
  }));
}

/** A model's measurement at Θ = 0 and at its validation-chosen operating point. */
export interface Measured {
  items: number;
  theta0: EnginePoint;
  operatingPoint: EnginePoint | null;
}

export interface LosoFold {
  speaker: string;
  trainSeconds: number;
  /** Chosen on the fold's own validation takes (its five training speakers), against its dense model. */
  operatingPoint: OperatingPoint | null;
  test: Measured;
}

const measure = (model: Model, pack: SamplePack, op: OperatingPoint | null): Measured => ({
  items: pack.items.length,
  theta0: enginePoint(model, pack, { thetaX: 0, thetaH: 0 }, 'fixed'),
  operatingPoint: op && enginePoint(model, pack, { thetaX: op.thetaX, thetaH: op.thetaH }, 'fixed'),
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function trainDigits(o: PipelineOptions): Promise<void> {
  const t0 = performance.now();
  const h = o.hyper;
  const files = listFsdd(o.data);
  const recs = loadRecordings(files, baseSpec(h), AUGMENT, h.augmentVariants, h.seed);
  const isVal = (f: FsddFile) => inTakes(f, h.valTakes);
  const official = makeSplit(
    recs,
    h,
    (f) => inTakes(f, h.trainTakes),
    isVal,
    (f) => inTakes(f, h.testTakes),
  );
  o.log(
    `features: ${official.data.train.length} train (+${h.augmentVariants} variants each), ${official.data.val.length} validation, ${official.test.length} test (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  const splits: Record<string, SplitData> = { official: official.data };
  const jobs = jobsFor(o.methods, 'official', '');
  const everyone = [...new Set(files.map((f) => f.speaker))].sort();
  const speakers = h.losoSpeakers === 'all' ? everyone : h.losoSpeakers;
  const losoMethods = h.losoMethods.filter((m) => o.methods.includes(m));
  const folds = new Map<string, Split>();
  for (const s of losoMethods.length > 0 ? speakers : []) {
    // Train on every take of the other speakers but their validation takes; test on all of s.
    const fold = speakerSplit(
      recs,
      h,
      everyone.filter((t) => t !== s),
      s,
    );
    folds.set(s, fold);
    splits[s] = fold.data;
    jobs.push(...jobsFor(losoMethods, s, `@${s}`));
  }
  // Cross-validation folds for the operating-point choice: the methods trained again on each.
  const cvFolds = cvFoldSplits(recs, h);
  for (const f of cvFolds) {
    splits[f.name] = f.split.data;
    jobs.push(...jobsFor(o.methods, f.name, f.suffix));
  }
  const ckpt = o.checkpoints;
  const progress: JobProgress = {
    ...o.progress,
    onDone: (job, out) => {
      if (ckpt && !out.resumed) saveOutcome(ckpt, out);
      o.progress.onDone(job, out);
    },
  };
  const resume = ckpt && o.resume ? (job: JobSpec) => loadOutcome(ckpt, job.id) : () => null;
  const outcomes = await runJobs(jobs, h, splits, o.parallel, progress, resume);
  const trainedAt = performance.now();
  mkdirSync(o.out, { recursive: true });
  const packProv = provenance('dense', h.seed, TEST_PACK_NOTES);
  const pack = toPack(PACK_ID, official.test, official.spec, { ...packProv, trainingMethod: 'none' });
  writeTestPack(
    join(o.out, `${PACK_ID}.dlp`),
    pack,
    official.test.map((e) => e.file),
    official.spec,
  );
  let manifest = upsertPack(readManifest(join(o.out, 'manifest.json')), {
    id: PACK_ID,
    task: 'digits',
    label: 'FSDD official test split (300 recordings)',
    file: `${PACK_ID}.dlp`,
  });
  const trained = { thetaX: h.inputThetaRatio * h.trainTheta, thetaH: h.trainTheta };
  const grid = curveGrid(h.inputThetaRatio);
  const exportModel = (job: string, method: Method, spec: LogMelSpec, notes: string) =>
    toModel(outcomes.get(job)!.result.params, method, spec, trained, provenance(method, h.seed, notes));
  // Thresholds for deployment are chosen on validation data against the dense model's accuracy there.
  const validationFor = (f: Split, prefix: string, denseJob: string) =>
    validationOf(f, exportModel(denseJob, 'dense', f.spec, ''), h, prefix, packProv);
  const officialVal = validationFor(official, PACK_ID, 'dense');
  const testFiles = official.test.map((e) => e.file);
  const channelPacks = CHANNELS.map((c) => ({
    ...c,
    pack: toPack(
      `${PACK_ID}-${c.id}`,
      channelExamples(testFiles, official.spec, c.change),
      official.spec,
      packProv,
    ),
  }));
  const synth = o.synth ? synthExamples(o.synth, official.spec) : null;
  const synthPack = synth && toPack(`${PACK_ID}-synth`, synth.examples, official.spec, packProv);
  // Per held-out speaker: its test pack besides.
  const foldEval = new Map(
    [...folds].map(([s, f]) => [
      s,
      {
        spec: f.spec,
        test: toPack(`fold-${s}`, f.test, f.spec, packProv),
        ...validationFor(f, `fold-${s}`, `dense@${s}`),
      },
    ]),
  );
  const valName = `takes ${h.valTakes[0]}-${h.valTakes[1]}`;
  const cvEval = cvFolds.map((f) => ({
    name: f.name,
    suffix: f.suffix,
    spec: f.split.spec,
    ...validationFor(f.split, `cv-${f.name}`, `dense${f.suffix}`),
  }));
  for (const method of o.methods) {
    const main = outcomes.get(method)!;
    const notes = `${METHOD_LABELS[method]}. 1-layer GRU, hand-written BPTT in TypeScript, trained on augmented recordings; see the training report.`;
    const model = exportModel(method, method, official.spec, notes);
    const curve = engineCurve(model, pack, grid);
    const theta0 = curve.find((p) => p.thetaX === 0)!;
    model.provenance.metrics = { testAccuracyTheta0: theta0.accuracy ?? 0 };
    const id = `digits-${method}`;
    writeFileSync(join(o.out, `${id}.dlm`), encodeModel(model));
    writeFileSync(join(o.out, `${id}.curve.json`), `${JSON.stringify(curve, null, 1)}\n`);
    const folds: ValidationFold[] = [
      {
        id: valName,
        model,
        pack: officialVal.val,
        reference: officialVal.reference,
        copies: officialVal.copies,
      },
      ...cvEval.map((f) => ({
        id: f.name,
        model: exportModel(`${method}${f.suffix}`, method, f.spec, notes),
        pack: f.val,
        reference: f.reference,
        copies: f.copies,
      })),
    ];
    const op = selectOnFolds(folds, 0.01);
    const valItems = folds.reduce((a, f) => a + f.pack.items.length, 0);
    const loso: LosoFold[] = [];
    if (losoMethods.includes(method)) {
      for (const [s, f] of foldEval) {
        const job = outcomes.get(`${method}@${s}`)!;
        const fm = exportModel(`${method}@${s}`, method, f.spec, notes);
        const fop = selectOnValidation(fm, f.val, f.reference, 0.01, f.copies);
        loso.push({
          speaker: s,
          trainSeconds: job.seconds,
          operatingPoint: fop,
          test: measure(fm, f.test, fop),
        });
      }
    }
    const report = buildReport(method, main, h, official.spec, model.fixedPoint, curve, {
      floatTheta0: enginePoint(model, pack, { thetaX: 0, thetaH: 0 }, 'float'),
      operatingPoint: op && {
        ...op,
        selectedOn: `${folds.length > 1 ? `${folds.length} cross-validation folds pooled (${folds.map((f) => f.id).join(', ')}; the first is the shipped model's validation split, each other one a model trained again without its takes)` : `validation split (${valName})`}, ${valItems} recordings${officialVal.copies.length > 0 ? `, clean and ${officialVal.copies.map((c) => c.id).join(' and ')}` : ''}; reference: dense at Θ=0 there (clean)`,
        test: enginePoint(model, pack, { thetaX: op.thetaX, thetaH: op.thetaH }, 'fixed'),
      },
      channels: [
        { id: 'clean', label: 'clean (official test split)', ...measure(model, pack, op) },
        ...channelPacks.map((c) => ({ id: c.id, label: c.label, ...measure(model, c.pack, op) })),
      ],
      synthesized: synth && synthPack && { ...synth.about, ...measure(model, synthPack, op) },
      loso:
        loso.length > 0
          ? {
              folds: loso,
              meanTheta0: mean(loso.map((f) => f.test.theta0.accuracy)),
              meanOperatingPoint: mean(
                loso.map((f) => f.test.operatingPoint?.accuracy ?? f.test.theta0.accuracy),
              ),
              meanSpeedup: mean(loso.map((f) => f.test.operatingPoint?.speedup ?? f.test.theta0.speedup)),
            }
          : null,
      trainingWallSeconds: (trainedAt - t0) / 1000,
      crossValidationJobs: cvEval.map((f) => ({
        fold: f.name,
        seconds: outcomes.get(`${method}${f.suffix}`)!.seconds,
      })),
    });
    writeFileSync(join(o.out, `${id}.report.json`), `${JSON.stringify(report, null, 1)}\n`);
    manifest = upsertModel(manifest, {
      id,
      task: 'digits',
      method,
      label: METHOD_LABELS[method],
      file: `${id}.dlm`,
      curve: `${id}.curve.json`,
      report: `${id}.report.json`,
      pack: PACK_ID,
    });
    const pct = (v: number | undefined) => `${(100 * (v ?? 0)).toFixed(1)}%`;
    o.log(
      `${id}: test ${pct(theta0.accuracy)} at Θ=0 (fixed point)` +
        (op ? `, ${pct(report.operatingPoint?.test.accuracy)} at Θx ${op.thetaX}, Θh ${op.thetaH}` : '') +
        (report.loso ? `; LOSO mean ${pct(report.loso.meanOperatingPoint)}` : '') +
        (report.synthesized ? `; synthesized ${pct(report.synthesized.operatingPoint?.accuracy)}` : ''),
    );
  }
  writeManifest(join(o.out, 'manifest.json'), manifest);
  o.log(
    `done in ${((performance.now() - t0) / 1000).toFixed(0)} s (training ${((trainedAt - t0) / 1000).toFixed(0)} s)`,
  );
}

interface Extra {
  floatTheta0: EnginePoint;
  operatingPoint: (OperatingPoint & { selectedOn: string; test: EnginePoint }) | null;
  channels: ({ id: string; label: string } & Measured)[];
  synthesized: (Record<string, unknown> & Measured) | null;
  loso: { folds: LosoFold[]; meanTheta0: number; meanOperatingPoint: number; meanSpeedup: number } | null;
  trainingWallSeconds: number;
  /** Job times of this method's cross-validation fold models (Hyper.cvTakes). */
  crossValidationJobs: { fold: string; seconds: number }[];
}

function buildReport(
  method: Method,
  o: JobOutcome,
  h: Hyper,
  spec: LogMelSpec,
  fixedPoint: unknown,
  curve: unknown,
  extra: Extra,
) {
  const epochs = o.result.epochs;
  return {
    id: `digits-${method}`,
    method,
    label: METHOD_LABELS[method],
    trainer: 'hand-written BPTT in TypeScript (tools/train/gru.ts), Float64, minibatch in lockstep, Adam',
    hyperparameters: {
      ...h,
      forward: forwardFor(method, h),
      initialisedFrom: method === 'dense' ? 'scratch' : 'digits-dense',
    },
    augmentation: h.augmentVariants > 0 ? AUGMENT : null,
    features: spec,
    fixedPoint,
    training: {
      epochs,
      bestEpoch: o.result.bestEpoch,
      seconds: o.seconds,
      resumedFromCheckpoint: o.resumed === true,
      meanEpochSeconds: epochs.reduce((a, e) => a + e.seconds, 0) / epochs.length,
      allJobsWallSeconds: extra.trainingWallSeconds,
      crossValidationJobs: extra.crossValidationJobs,
    },
    test: { fixedCurve: curve, floatTheta0: extra.floatTheta0 },
    operatingPoint: extra.operatingPoint,
    channels: extra.channels,
    synthesized: extra.synthesized,
    loso: extra.loso,
  };
}

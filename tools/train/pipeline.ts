// The whole digits pipeline: features, the five methods (plus the held-out-speaker fold), export,
// engine-scored curves, reports and manifest entries.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogMelSpec } from '../../src/engine/features/logmel';
import { encodeModel } from '../../src/engine/format/index';
import { readManifest, upsertModel, upsertPack, writeManifest } from '../lib/manifest';
import { loadOutcome, saveOutcome } from './checkpoint';
import { baseSpec, type Example, fitNormalisation, loadExamples } from './dataset';
import {
  curveGrid,
  type EnginePoint,
  engineCurve,
  enginePoint,
  type OperatingPoint,
  selectOnValidation,
} from './engine-eval';
import { provenance, toModel, toPack } from './export';
import { type FsddFile, inTakes, listFsdd } from './fsdd';
import { type JobOutcome, type JobProgress, type JobSpec, runJobs, type SplitData } from './jobs';
import { forwardFor, type Hyper, METHOD_LABELS, type Method } from './methods';
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
  progress: JobProgress;
  log: (line: string) => void;
}

export const PACK_ID = 'digits-test';

interface Split {
  spec: LogMelSpec;
  data: SplitData;
  test: Example[];
}

function makeSplit(
  files: FsddFile[],
  h: Hyper,
  keep: (f: FsddFile) => boolean,
  test: (f: FsddFile) => boolean,
): Split {
  const trainFiles = files.filter((f) => keep(f) && inTakes(f, h.trainTakes));
  const valFiles = files.filter((f) => keep(f) && inTakes(f, h.valTakes));
  // Normalisation statistics come from the training split only (train + validation takes).
  const spec = fitNormalisation([...trainFiles, ...valFiles], baseSpec(h.bands));
  return {
    spec,
    data: {
      train: loadExamples(trainFiles, spec),
      val: loadExamples(valFiles, spec),
      gainShift: spec.std.map((sd) => spec.scale / sd),
      gainFloor: spec.std.map((sd, b) => ((Math.log(spec.logFloor) - spec.mean[b]) / sd) * spec.scale),
    },
    test: loadExamples(files.filter(test), spec),
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

export interface SpeakerCheck {
  heldOutSpeaker: string;
  testItems: number;
  trainSeconds: number;
  theta0: EnginePoint;
  trainTheta: EnginePoint;
}

export async function trainDigits(o: PipelineOptions): Promise<void> {
  const t0 = performance.now();
  const h = o.hyper;
  const files = listFsdd(o.data);
  const official = makeSplit(
    files,
    h,
    () => true,
    (f) => inTakes(f, h.testTakes),
  );
  o.log(
    `features: ${official.data.train.length} train, ${official.data.val.length} validation, ${official.test.length} test`,
  );
  const splits: Record<string, SplitData> = { official: official.data };
  const jobs = jobsFor(o.methods, 'official', '');
  let fold: Split | null = null;
  const s = h.heldOutSpeaker;
  if (s) {
    fold = makeSplit(
      files,
      h,
      (f) => f.speaker !== s,
      (f) => f.speaker === s && inTakes(f, [0, h.trainTakes[1]]),
    );
    splits[s] = fold.data;
    jobs.push(...jobsFor(o.methods, s, `@${s}`));
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
  const foldPack = fold && toPack(`${PACK_ID}@${s}`, fold.test, fold.spec, packProv);
  let manifest = upsertPack(readManifest(join(o.out, 'manifest.json')), {
    id: PACK_ID,
    task: 'digits',
    label: 'FSDD official test split (300 recordings)',
    file: `${PACK_ID}.dlp`,
  });
  const trained = { thetaX: h.inputThetaRatio * h.trainTheta, thetaH: h.trainTheta };
  const grid = curveGrid(h.inputThetaRatio);
  // Thresholds for deployment are chosen on validation data against the dense model's accuracy there.
  const valPack = toPack(`${PACK_ID}-validation`, official.data.val, official.spec, packProv);
  const denseVal = toModel(outcomes.get('dense')!.result.params, 'dense', official.spec, trained, packProv);
  const valReference = enginePoint(denseVal, valPack, { thetaX: 0, thetaH: 0 }, 'fixed').accuracy;
  for (const method of o.methods) {
    const main = outcomes.get(method)!;
    const notes = `${METHOD_LABELS[method]}. 1-layer GRU, hand-written BPTT in TypeScript; see the training report.`;
    const model = toModel(
      main.result.params,
      method,
      official.spec,
      trained,
      provenance(method, h.seed, notes),
    );
    const curve = engineCurve(model, pack, grid);
    const theta0 = curve.find((p) => p.thetaX === 0)!;
    model.provenance.metrics = { testAccuracyTheta0: theta0.accuracy ?? 0 };
    const id = `digits-${method}`;
    writeFileSync(join(o.out, `${id}.dlm`), encodeModel(model));
    writeFileSync(join(o.out, `${id}.curve.json`), `${JSON.stringify(curve, null, 1)}\n`);
    let speaker: SpeakerCheck | null = null;
    if (fold && foldPack) {
      const f = outcomes.get(`${method}@${s}`)!;
      const fm = toModel(f.result.params, method, fold.spec, trained, provenance(method, h.seed, notes));
      speaker = {
        heldOutSpeaker: s,
        testItems: foldPack.items.length,
        trainSeconds: f.seconds,
        theta0: enginePoint(fm, foldPack, { thetaX: 0, thetaH: 0 }, 'fixed'),
        trainTheta: enginePoint(fm, foldPack, trained, 'fixed'),
      };
    }
    const op = selectOnValidation(model, valPack, valReference, 0.01);
    const report = buildReport(method, main, h, official.spec, model.fixedPoint, curve, {
      floatTheta0: enginePoint(model, pack, { thetaX: 0, thetaH: 0 }, 'float'),
      operatingPoint: op && {
        ...op,
        selectedOn: 'validation split (takes 5-9); reference: dense at Θ=0 there',
        test: enginePoint(model, pack, { thetaX: op.thetaX, thetaH: op.thetaH }, 'fixed'),
      },
      speaker,
      trainingWallSeconds: (trainedAt - t0) / 1000,
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
    o.log(`${id}: test accuracy ${(100 * (theta0.accuracy ?? 0)).toFixed(1)}% at Θ=0 (fixed point)`);
  }
  writeManifest(join(o.out, 'manifest.json'), manifest);
  o.log(
    `done in ${((performance.now() - t0) / 1000).toFixed(0)} s (training ${((trainedAt - t0) / 1000).toFixed(0)} s)`,
  );
}

function buildReport(
  method: Method,
  o: JobOutcome,
  h: Hyper,
  spec: LogMelSpec,
  fixedPoint: unknown,
  curve: unknown,
  extra: {
    floatTheta0: EnginePoint;
    operatingPoint: (OperatingPoint & { selectedOn: string; test: EnginePoint }) | null;
    speaker: SpeakerCheck | null;
    trainingWallSeconds: number;
  },
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
    features: spec,
    fixedPoint,
    training: {
      epochs,
      bestEpoch: o.result.bestEpoch,
      seconds: o.seconds,
      resumedFromCheckpoint: o.resumed === true,
      meanEpochSeconds: epochs.reduce((a, e) => a + e.seconds, 0) / epochs.length,
      allJobsWallSeconds: extra.trainingWallSeconds,
    },
    test: { fixedCurve: curve, floatTheta0: extra.floatTheta0 },
    operatingPoint: extra.operatingPoint,
    speakerCheck: extra.speaker,
  };
}

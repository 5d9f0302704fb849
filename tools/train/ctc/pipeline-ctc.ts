// The connected-digits pipeline (the paper's WSJ protocol on connected digit strings): data, dense
// CTC training, fine-tuning as a delta network with L1, the leave-one-speaker-out fold, then
// engine-scored curves (fixed point), validation-chosen operating points, packs, reports, manifest.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileModel } from '../../../src/engine/compile';
import type { GridPoint } from '../../../src/engine/evaluate';
import { evaluatePack, uniformThresholds } from '../../../src/engine/evaluate';
import { encodeModel, encodePack } from '../../../src/engine/format/index';
import type { EvalResult, Model, NumericMode, SamplePack } from '../../../src/engine/types';
import { readManifest, upsertModel, upsertPack, writeManifest } from '../../lib/manifest';
import { CURVE_THETAS, engineCurve } from '../engine-eval';
import { buildSplit, type ConnectedSplit, loadClips } from './data';
import { connectedProvenance, toConnectedModel, toConnectedPack } from './export-ctc';
import {
  CONNECTED_LABELS,
  CONNECTED_METHODS,
  type ConnectedHyper,
  type ConnectedMethod,
  connectedForward,
} from './hyper';
import { type CtcData, type CtcJob, type CtcOutcome, type CtcProgress, runCtcJobs } from './jobs-ctc';

export interface ConnectedOptions {
  data: string;
  out: string;
  hyper: ConnectedHyper;
  parallel: number;
  checkpoints?: string;
  resume?: boolean;
  progress: CtcProgress;
  log: (line: string) => void;
}

export const TEST_PACK = 'connected-test';
export const LONG_PACK = 'connected-long';
const MODEL_ID: Record<ConnectedMethod, string> = { dense: 'connected-dense', 'delta-l1': 'connected-delta' };

/** Θx, Θh pairs searched for the validation-chosen operating point (LSBs). */
export const CONNECTED_OPERATING_GRID: GridPoint[] = [2, 3, 4, 5, 6, 8, 10, 12, 16].flatMap((thetaX) =>
  [2, 3, 4, 5, 6, 8, 10, 12].map((thetaH) => ({ thetaX, thetaH })),
);

/** Figures of one threshold setting on a pack, by the lab's fixed-point engine. */
export interface ConnectedPoint {
  thetaX: number;
  thetaH: number;
  mode: NumericMode;
  errorRate: number;
  edits: number;
  refLength: number;
  speedup: number;
  macReduction: number | null;
  occupancy: number;
  /** Per layer: (n_x + n_h) / (I + H) averaged over steps. */
  layerOccupancy: number[];
  /** Per layer: Σ dense cost / Σ delta cost of that layer alone. */
  layerSpeedup: number[];
}

export function connectedPoint(
  model: Model,
  pack: SamplePack,
  g: GridPoint,
  mode: NumericMode,
): ConnectedPoint {
  const r: EvalResult = evaluatePack(
    compileModel(model, mode),
    pack,
    uniformThresholds(model.layers.length, g.thetaX, g.thetaH),
  );
  const f = r.figures;
  return {
    ...g,
    mode,
    errorRate: r.errorRate ?? 0,
    edits: r.edits ?? 0,
    refLength: r.refLength ?? 0,
    speedup: f.speedup,
    macReduction: Number.isFinite(f.macReduction) ? f.macReduction : null,
    occupancy: f.occupancyAll,
    layerOccupancy: f.occupancy,
    layerSpeedup: r.costs.layers.map((l) => l.denseCost / Math.max(l.deltaCost, 1e-12)),
  };
}

export interface ConnectedOperatingPoint extends GridPoint {
  selectedOn: string;
  /** Highest validation speedup whose validation error rate is at most reference + allowance. */
  reference: number;
  allowance: number;
  val: ConnectedPoint;
  test: ConnectedPoint;
}

function selectOperatingPoint(
  model: Model,
  valPack: SamplePack,
  testPack: SamplePack,
  reference: number,
  allowance: number,
): ConnectedOperatingPoint | null {
  let best: ConnectedPoint | null = null;
  for (const g of CONNECTED_OPERATING_GRID) {
    const p = connectedPoint(model, valPack, g, 'fixed');
    if (p.errorRate <= reference + allowance + 1e-9 && (!best || p.speedup > best.speedup)) best = p;
  }
  if (!best) return null;
  const g = { thetaX: best.thetaX, thetaH: best.thetaH };
  return {
    ...g,
    selectedOn:
      'validation strings (takes 5-9): highest speedup with a digit error rate at most 1 point above the dense network at Θ=0 there',
    reference,
    allowance,
    val: best,
    test: connectedPoint(model, testPack, g, 'fixed'),
  };
}

const sequences = (s: ConnectedSplit): CtcData => ({
  inputSize: s.spec.bands,
  train: s.train.map((e) => ({ x: e.x, labels: e.labels, frameLabels: e.frameLabels })),
  val: s.val.map((e) => ({ x: e.x, labels: e.labels })),
});

const frames = (s: ConnectedSplit['train']) => s.reduce((n, e) => n + e.length, 0);

export async function trainConnected(o: ConnectedOptions): Promise<void> {
  const t0 = performance.now();
  const h = o.hyper;
  const clips = loadClips(o.data);
  const s = h.heldOutSpeaker;
  const official = buildSplit(
    clips,
    h.takes,
    () => true,
    (c) => c.take >= h.takes.test[0] && c.take <= h.takes.test[1],
    h.sizes,
    h.sizes.test,
    h.bands,
    h.seed,
    '',
  );
  o.log(
    `strings: ${official.train.length} train (${frames(official.train)} frames), ${official.val.length} validation, ${official.test.length} test, ${official.long.length} long recordings`,
  );
  const splits: Record<string, CtcData> = { official: sequences(official) };
  const jobs: CtcJob[] = [
    { id: 'dense', method: 'dense', split: 'official', initFrom: null },
    { id: 'delta-l1', method: 'delta-l1', split: 'official', initFrom: 'dense' },
  ];
  let fold: ConnectedSplit | null = null;
  if (s) {
    fold = buildSplit(
      clips,
      h.takes,
      (c) => c.speaker !== s,
      (c) => c.speaker === s,
      { ...h.sizes, train: h.sizes.foldTrain, long: 0 },
      h.sizes.foldTest,
      h.bands,
      h.seed + 1,
      `${s}-`,
    );
    splits[s] = sequences(fold);
    jobs.push(
      { id: `dense@${s}`, method: 'dense', split: s, initFrom: null },
      { id: `delta-l1@${s}`, method: 'delta-l1', split: s, initFrom: `dense@${s}` },
    );
  }
  const dataSeconds = (performance.now() - t0) / 1000;
  const outcomes = await runCtcJobs(
    jobs,
    h,
    splits,
    o.parallel,
    o.progress,
    o.checkpoints,
    o.resume ?? false,
  );
  const trainedAt = performance.now();
  mkdirSync(o.out, { recursive: true });
  const packProv = connectedProvenance(
    'none',
    h.seed,
    'Quantized log-mel codes of composed strings; no audio.',
  );
  const testPack = toConnectedPack(TEST_PACK, official.test, official.spec, packProv);
  const longPack = toConnectedPack(LONG_PACK, official.long, official.spec, {
    ...packProv,
    notes: `Long recordings for always-on listening: ${h.sizes.longStrings} strings each, 1-3 s of background noise between them (test takes 0-4).`,
  });
  const valPack = toConnectedPack('connected-validation', official.val, official.spec, packProv);
  writeFileSync(join(o.out, `${TEST_PACK}.dlp`), encodePack(testPack));
  writeFileSync(join(o.out, `${LONG_PACK}.dlp`), encodePack(longPack));
  let manifest = readManifest(join(o.out, 'manifest.json'));
  manifest = upsertPack(manifest, {
    id: TEST_PACK,
    task: 'connected',
    label: `Connected digit strings, test takes 0-4 (${testPack.items.length} strings)`,
    file: `${TEST_PACK}.dlp`,
  });
  manifest = upsertPack(manifest, {
    id: LONG_PACK,
    task: 'connected',
    label: `Long recordings for always-on listening (${longPack.items.length})`,
    file: `${LONG_PACK}.dlp`,
  });
  const trained = { thetaX: h.inputThetaRatio * h.trainTheta, thetaH: h.trainTheta };
  const grid = CURVE_THETAS.map((t) => ({ thetaX: h.inputThetaRatio * t, thetaH: t }));
  const build = (m: ConnectedMethod, out: CtcOutcome, spec: ConnectedSplit['spec']) =>
    toConnectedModel(
      out.result.params,
      m,
      spec,
      trained,
      connectedProvenance(
        m,
        h.seed,
        `${CONNECTED_LABELS[m]}. ${h.hidden.length} stacked GRU layers, CTC, hand-written BPTT in TypeScript; see the training report.`,
      ),
    );
  const dense = build('dense', outcomes.get('dense')!, official.spec);
  const zero = { thetaX: 0, thetaH: 0 };
  const reference = connectedPoint(dense, valPack, zero, 'fixed').errorRate;
  const denseTest = connectedPoint(dense, testPack, zero, 'fixed');
  for (const m of CONNECTED_METHODS) {
    const out = outcomes.get(m)!;
    const model = m === 'dense' ? dense : build(m, out, official.spec);
    const curve = engineCurve(model, testPack, grid);
    const theta0 = connectedPoint(model, testPack, zero, 'fixed');
    model.provenance.metrics = { testErrorRateTheta0: theta0.errorRate };
    const op = selectOperatingPoint(model, valPack, testPack, reference, 0.01);
    const id = MODEL_ID[m];
    writeFileSync(join(o.out, `${id}.dlm`), encodeModel(model));
    writeFileSync(join(o.out, `${id}.curve.json`), `${JSON.stringify(curve, null, 1)}\n`);
    let speaker = null;
    if (fold && s) {
      const f = outcomes.get(`${m}@${s}`)!;
      const fm = build(m, f, fold.spec);
      const foldPack = toConnectedPack(`${TEST_PACK}@${s}`, fold.test, fold.spec, packProv);
      speaker = {
        heldOutSpeaker: s,
        testStrings: foldPack.items.length,
        trainSeconds: f.seconds,
        theta0: connectedPoint(fm, foldPack, zero, 'fixed'),
        operatingPoint: op && connectedPoint(fm, foldPack, { thetaX: op.thetaX, thetaH: op.thetaH }, 'fixed'),
      };
    }
    const longAt = op ? { thetaX: op.thetaX, thetaH: op.thetaH } : trained;
    const report = {
      id,
      method: m,
      label: CONNECTED_LABELS[m],
      task: 'connected digit strings (CTC)',
      trainer:
        'hand-written BPTT in TypeScript (tools/train/gru.ts layers stacked by tools/train/ctc/stack.ts), CTC loss in log space (tools/train/ctc/ctc-loss.ts), Float64, Adam',
      architecture: {
        layers: model.layers.map((l) => ({ inputSize: l.inputSize, hiddenSize: l.hiddenSize })),
        outputs: 11,
        blank: 10,
        outputAt: 'every',
        decoding: 'greedy (best path)',
      },
      hyperparameters: {
        ...h,
        forward: connectedForward(m, h),
        initialisedFrom: m === 'dense' ? 'scratch' : 'connected-dense',
      },
      data: {
        trainStrings: official.train.length,
        trainFrames: frames(official.train),
        valStrings: official.val.length,
        testStrings: official.test.length,
        testDigits: testPack.items.reduce((n, it) => n + (it.labels?.length ?? 0), 0),
        longRecordings: official.long.length,
        seconds: dataSeconds,
      },
      features: official.spec,
      fixedPoint: model.fixedPoint,
      training: {
        epochs: out.result.epochs,
        bestEpoch: out.result.bestEpoch,
        seconds: out.seconds,
        resumedFromCheckpoint: out.resumed === true,
        allJobsWallSeconds: (trainedAt - t0) / 1000,
      },
      test: {
        fixedCurve: curve,
        theta0,
        floatTheta0: connectedPoint(model, testPack, zero, 'float'),
        denseTheta0: denseTest,
      },
      operatingPoint: op,
      long: connectedPoint(model, longPack, longAt, 'fixed'),
      speakerCheck: speaker,
    };
    writeFileSync(join(o.out, `${id}.report.json`), `${JSON.stringify(report, null, 1)}\n`);
    manifest = upsertModel(manifest, {
      id,
      task: 'connected',
      method: m,
      label: CONNECTED_LABELS[m],
      file: `${id}.dlm`,
      curve: `${id}.curve.json`,
      report: `${id}.report.json`,
      pack: TEST_PACK,
    });
    const opText = op
      ? `; operating point Θx=${op.thetaX} Θh=${op.thetaH}: ${(100 * op.test.errorRate).toFixed(1)}% at ${op.test.speedup.toFixed(1)}x`
      : '; no operating point within 1 point on validation';
    o.log(`${id}: test digit error rate ${(100 * theta0.errorRate).toFixed(1)}% at Θ=0${opText}`);
  }
  writeManifest(join(o.out, 'manifest.json'), manifest);
  o.log(
    `done in ${((performance.now() - t0) / 1000).toFixed(0)} s (training ${((trainedAt - t0) / 1000).toFixed(0)} s)`,
  );
}

// The whole driving pipeline: render simulated clips, train the CNN on frames, quantize its features
// to Q2.5, train the GRU on feature sequences (dense, then the delta methods from it), choose
// thresholds on validation clips, score everything on the 100-second test clips with the engine,
// and write models, the test pack, curves, reports and manifest entries.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrivingClip } from '../../../src/data/driving';
import { cnnCostPerFrame, cnnSpecOf, compileCnn, featureCount } from '../../../src/engine/cnn';
import { encodeModel, encodePack } from '../../../src/engine/format/index';
import { readManifest, upsertModel, upsertPack, writeManifest } from '../../lib/manifest';
import type { GruParams } from '../gru';
import { type ClipSet, clipCodes, framesOf, renderSet } from './clips';
import { type CachedCnn, loadCnn, saveCnn } from './cnn-cache';
import { toModelCnn } from './cnn-export';
import { type CnnProgress, trainCnn } from './cnn-train';
import { drivingCurve, drivingPoint, selectOnValidation } from './eval';
import { drivingProvenance, SIMULATED_NOTE, toDrivingModel, toDrivingPack } from './export';
import { type GruEpoch, type SteeringSequence, trainSteering } from './gru-train';
import { DRIVING_LABELS, type DrivingHyper, type DrivingMethod, drivingForward, LSB } from './methods';

export const DRIVING_PACK = 'driving-test';
/** Deployment rule: RMSE at most 10% above the same model's at Θ = 0 (on validation). */
export const RMSE_FACTOR = 1.1;

export interface DrivingProgress {
  stage(name: string, total: number): void;
  tick(done: number, info?: string): void;
  log(line: string): void;
}

export interface DrivingOptions {
  out: string;
  methods: DrivingMethod[];
  hyper: DrivingHyper;
  /** Reuse (or save) the trained CNN here. */
  cnnCache?: string;
  progress: DrivingProgress;
}

function render(name: string, set: ClipSet, p: DrivingProgress): DrivingClip[] {
  p.stage(`render ${name}`, set.count);
  let n = 0;
  return renderSet(set, () => p.tick(++n));
}

export async function trainDriving(o: DrivingOptions) {
  const t0 = performance.now();
  const h = o.hyper;
  const p = o.progress;
  const seconds = () => (performance.now() - t0) / 1000;
  const timings: Record<string, number> = {};
  const mark = (k: string, from: number) => {
    timings[k] = seconds() - from;
  };

  let at = seconds();
  const gruClips = render('GRU train clips', h.gruClips, p);
  const valClips = render('validation clips', h.valClips, p);
  const testClips = render('test clips', h.testClips, p);
  mark('renderSeconds', at);

  at = seconds();
  let cached: CachedCnn | null = o.cnnCache ? loadCnn(o.cnnCache) : null;
  if (cached) p.log(`CNN: loaded from ${o.cnnCache}`);
  else {
    const cnnClips = render('CNN train clips', h.cnnClips, p);
    const frames = framesOf(cnnClips);
    const epochs = h.cnn.epochs ?? 1;
    const per = Math.ceil((h.cnn.framesPerEpoch || frames.steering.length) / (h.cnn.batch ?? 32));
    p.stage('CNN', epochs * per);
    const trained = trainCnn(
      frames,
      { ...h.cnn, seed: h.seed },
      (c: CnnProgress) =>
        p.tick((c.epoch - 1) * per + c.done, `epoch ${c.epoch}/${c.epochs} loss ${c.loss.toFixed(2)}`),
      framesOf(valClips),
    );
    const calib = frames.frames.subarray(0, Math.min(h.calibrationFrames, frames.steering.length) * 64 * 32);
    const exported = toModelCnn(trained.net, calib);
    cached = { cnn: exported.cnn, report: trained.report, exportReport: exported.report };
    if (o.cnnCache) saveCnn(o.cnnCache, cached);
    p.log(
      `CNN: validation RMSE ${trained.report.rmse.toFixed(2)}° (predicting 0: ${trained.report.zeroRmse.toFixed(2)}°)`,
    );
  }
  mark('cnnSeconds', at);

  at = seconds();
  const cnn = cached.cnn;
  const compiled = compileCnn(cnn);
  const F = featureCount(cnnSpecOf(cnn));
  const all = [...gruClips, ...valClips, ...testClips];
  p.stage('CNN features (fixed point)', all.length);
  const codes = all.map((c, k) => {
    const out = clipCodes(compiled, c);
    p.tick(k + 1);
    return out;
  });
  mark('featureSeconds', at);
  const seq = (k: number): SteeringSequence => ({
    x: Float32Array.from(codes[k], (c) => c * LSB),
    targets: all[k].steering,
  });
  let ms = 0;
  let n = 0;
  for (const c of gruClips) {
    for (const s of c.steering) ms += s * s;
    n += c.steering.length;
  }
  const scale = Math.sqrt(ms / n) || 1;
  const scaled = (s: SteeringSequence): SteeringSequence => ({
    x: s.x,
    targets: Float32Array.from(s.targets, (v) => v / scale),
  });
  const train = gruClips.map((_, k) => scaled(seq(k)));
  const val = valClips.map((_, k) => scaled(seq(gruClips.length + k)));

  const prov = drivingProvenance('none', h.seed, SIMULATED_NOTE);
  const testCodes = codes.slice(gruClips.length + valClips.length);
  const valCodes = codes.slice(gruClips.length, gruClips.length + valClips.length);
  const testPack = toDrivingPack(DRIVING_PACK, testClips, testCodes, F, prov);
  const valPack = toDrivingPack(`${DRIVING_PACK}-validation`, valClips, valCodes, F, prov);
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, `${DRIVING_PACK}.dlp`), encodePack(testPack));
  let manifest = upsertPack(readManifest(join(o.out, 'manifest.json')), {
    id: DRIVING_PACK,
    task: 'driving',
    label: `Simulated driving: ${testClips.length} test clips of ${h.testClips.frames / 20} s`,
    file: `${DRIVING_PACK}.dlp`,
  });

  const trained = { thetaX: h.trainThetaX, thetaH: h.trainThetaH };
  const cnnCost = cnnCostPerFrame(cnnSpecOf(cnn));
  const results: Record<string, unknown> = {};
  const params = new Map<DrivingMethod, GruParams>();
  const order: DrivingMethod[] = o.methods.includes('dense') ? o.methods : ['dense', ...o.methods];
  for (const method of order) {
    at = seconds();
    const dense = method === 'dense';
    const epochs = dense ? h.denseEpochs : h.tuneEpochs;
    const batches = Math.ceil(train.length / h.batch);
    p.stage(`GRU ${method}`, epochs * batches);
    let epochsDone = 0;
    const history: GruEpoch[] = [];
    const r = trainSteering(
      {
        hidden: h.hidden,
        epochs,
        batch: h.batch,
        lr: dense ? h.denseLr : h.tuneLr,
        clip: h.clip,
        patience: h.patience,
        seed: h.seed,
        forward: drivingForward(method, h),
        scale,
      },
      train,
      val,
      dense ? null : params.get('dense')!,
      (e) => {
        history.push(e);
        epochsDone = e.epoch;
        p.tick(
          epochsDone * batches,
          `epoch ${e.epoch} train ${e.trainRmse.toFixed(2)}° val ${e.valRmse.toFixed(2)}° occ ${(100 * e.valOccupancy).toFixed(1)}%`,
        );
      },
      (done) => p.tick(epochsDone * batches + Math.ceil(done / h.batch)),
    );
    params.set(method, r.params);
    const trainSeconds = seconds() - at;
    if (!o.methods.includes(method)) continue;
    const id = `driving-${method}`;
    const model = toDrivingModel(
      r.params,
      method,
      cnn,
      scale,
      trained,
      drivingProvenance(method, h.seed, `${DRIVING_LABELS[method]}. ${SIMULATED_NOTE}`),
    );
    p.stage(`score ${method}`, 3);
    const curve = drivingCurve(model, testPack);
    p.tick(1);
    const selection = selectOnValidation(model, valPack, RMSE_FACTOR);
    p.tick(2);
    const theta0 = drivingPoint(model, testPack, { thetaX: 0, thetaH: 0 }, 'fixed');
    const chosen = drivingPoint(model, testPack, selection, 'fixed');
    const float0 = drivingPoint(model, testPack, { thetaX: 0, thetaH: 0 }, 'float');
    p.tick(3);
    model.provenance.metrics = {
      testRmseTheta0: theta0.rmse,
      testRmseChosen: chosen.rmse,
      testSpeedupChosen: chosen.speedup,
    };
    writeFileSync(join(o.out, `${id}.dlm`), encodeModel(model));
    writeFileSync(join(o.out, `${id}.curve.json`), `${JSON.stringify(curve, null, 1)}\n`);
    const report = {
      id,
      method,
      label: DRIVING_LABELS[method],
      simulated: true,
      note: SIMULATED_NOTE,
      trainer: 'hand-written BPTT in TypeScript (tools/train/gru.ts, regression mode), Float64, Adam',
      hyperparameters: {
        ...h,
        forward: drivingForward(method, h),
        initialisedFrom: dense ? 'scratch' : 'driving-dense',
        steeringScale: scale,
      },
      training: { epochs: history, bestEpoch: r.bestEpoch, seconds: trainSeconds },
      test: {
        clips: testPack.items.map((i) => i.id),
        fixedTheta0: theta0,
        floatTheta0: float0,
        fixedCurve: curve,
      },
      operatingPoint: {
        ...selection,
        selectedOn: `validation clips (seeds ${h.valClips.first}..${h.valClips.first + h.valClips.count - 1}); rule: RMSE ≤ ${RMSE_FACTOR} × the same model at Θ=0 there`,
        test: chosen,
        testRmseOverTheta0: chosen.rmse / theta0.rmse,
      },
      costPerFrame: {
        cnn: cnnCost,
        gruDenseMacs: chosen.gruDenseMacsPerFrame,
        gruDeltaMacsAtOperatingPoint: chosen.gruMacsPerFrame,
        wholeNetworkMacsDense: cnnCost.macs + chosen.gruDenseMacsPerFrame,
        wholeNetworkMacsDelta: cnnCost.macs + chosen.gruMacsPerFrame,
        wholeNetworkSpeedup:
          (cnnCost.macs + chosen.gruDenseMacsPerFrame) / (cnnCost.macs + chosen.gruMacsPerFrame),
      },
    };
    writeFileSync(join(o.out, `${id}.report.json`), `${JSON.stringify(report, null, 1)}\n`);
    manifest = upsertModel(manifest, {
      id,
      task: 'driving',
      method,
      label: `${DRIVING_LABELS[method]} (simulated driving)`,
      file: `${id}.dlm`,
      curve: `${id}.curve.json`,
      report: `${id}.report.json`,
      pack: DRIVING_PACK,
    });
    results[method] = {
      testRmseTheta0: theta0.rmse,
      operatingPoint: { thetaX: selection.thetaX, thetaH: selection.thetaH },
      testRmse: chosen.rmse,
      testRmseOverTheta0: chosen.rmse / theta0.rmse,
      testSpeedup: chosen.speedup,
      testOccupancy: chosen.occupancy,
      trainSeconds,
    };
    p.log(
      `${id}: test RMSE ${theta0.rmse.toFixed(2)}° at Θ=0; at Θx=${selection.thetaX}, Θh=${selection.thetaH} (chosen on validation) ${chosen.rmse.toFixed(2)}° (x${(chosen.rmse / theta0.rmse).toFixed(3)}), speedup ${chosen.speedup.toFixed(1)}x`,
    );
  }
  writeManifest(join(o.out, 'manifest.json'), manifest);
  timings.totalSeconds = seconds();
  return {
    simulated: true,
    note: SIMULATED_NOTE,
    hyper: h,
    steeringScale: scale,
    cnn: { report: cached.report, export: cached.exportReport, costPerFrame: cnnCost },
    results,
    timings,
  };
}

// How accuracy on unheard voices grows with the number of speakers trained on. For each speaker left
// out and k = 1..5, the dense model (the shipped recipe, FULL) is trained on k of the other five (the
// k that follow it in name order, so every speaker is trained on equally often), early-stopped on
// their validation takes, and scored in fixed point at Θ = 0 on all recordings of the one left out
// and on the synthesized voices. k = 5 is exactly the pipeline's leave-one-speaker-out fold (same
// job id, so its checkpoints resume). A power law fitted to the mean error over k = 2..5 estimates
// how many speakers like these the leave-one-speaker-out and synthesized-voice targets would need.
// Usage: npx tsx tools/train/speaker-curve.ts [--data ../shared/data/fsdd] [--synth .tmp/synth-digits]
//        [--out .tmp/speaker-curve] [--jobs 2] [--publish bench/results/speaker-validation.json]
// Finished jobs are kept in <out>/ckpt and not trained again.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AUGMENT } from './augment';
import { loadOutcome, saveOutcome } from './checkpoint';
import type { SpeakerCurve } from './curve-section';
import { enginePoint } from './engine-eval';
import { provenance, toModel, toPack } from './export';
import { type JobSpec, runJobs, type SplitData } from './jobs';
import { FULL } from './methods';
import { type Split, speakerSplit } from './pipeline';
import { publishInto } from './publish';
import { recordings } from './speaker-validation';
import { SYNTH_DEFAULTS } from './synth';
import { synthExamples } from './synth-eval';

/** The k speakers trained on when `out` is left out: those after it in name order, cyclically. */
export function trainingSpeakers(speakers: string[], out: string, k: number): string[] {
  const sorted = [...speakers].sort();
  const i = sorted.indexOf(out);
  if (i < 0) throw new Error(`speaker-curve: unknown speaker ${out}`);
  if (k < 1 || k >= sorted.length) throw new Error(`speaker-curve: k must be 1..${sorted.length - 1}`);
  return Array.from({ length: k }, (_, j) => sorted[(i + 1 + j) % sorted.length]).sort();
}

/** The pipeline's leave-one-speaker-out job id for k = all others, so its checkpoints are reused. */
export const jobId = (out: string, k: number, total: number, train: string[]) =>
  k === total - 1 ? `dense@${out}` : `dense@${out}~${train.join('+')}`;

/**
 * Least-squares fit of log(error) = a + b log(k) over the points given, and the k at which the fitted
 * error reaches `target` (null when the error does not fall with k).
 */
export function powerLaw(points: { k: number; error: number }[], target: number) {
  const xs = points.map((p) => Math.log(p.k));
  const ys = points.map((p) => Math.log(Math.max(p.error, 1e-6)));
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  const a = my - b * mx;
  return { a, b, kAtTarget: b < 0 ? Math.exp((Math.log(target) - a) / b) : null };
}

/** k values the fit uses: one speaker alone is a different regime (every word in one voice). */
export const FIT_FROM_K = 2;

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/fsdd' },
      synth: { type: 'string', default: SYNTH_DEFAULTS.dir },
      out: { type: 'string', default: '.tmp/speaker-curve' },
      jobs: { type: 'string', default: '2' },
      publish: { type: 'string' },
    },
  });
  if (!existsSync(join(values.synth, 'configs.json')))
    throw new Error(`no synthesized digits in ${values.synth} (npx tsx tools/make-synth-digits.ts)`);
  const h = FULL;
  const ckpt = join(values.out, 'ckpt');
  mkdirSync(ckpt, { recursive: true });
  const recs = recordings(values.data, values.out, h, AUGMENT);
  const speakers = [...new Set(recs.map((r) => r.file.speaker))].sort();
  const folds: { out: string; k: number; train: string[]; id: string; split: Split }[] = [];
  for (const out of speakers)
    for (let k = 1; k < speakers.length; k++) {
      const train = trainingSpeakers(speakers, out, k);
      const split = speakerSplit(recs, h, train, out);
      folds.push({ out, k, train, id: jobId(out, k, speakers.length, train), split });
    }
  const splits: Record<string, SplitData> = Object.fromEntries(folds.map((f) => [f.id, f.split.data]));
  // Largest first, so the two workers finish together.
  const jobs: JobSpec[] = [...folds]
    .sort((a, b) => b.k - a.k)
    .map((f) => ({ id: f.id, method: 'dense', split: f.id, initFrom: null }));
  const t0 = performance.now();
  const outcomes = await runJobs(
    jobs,
    h,
    splits,
    Number(values.jobs),
    {
      onStart: (job) => console.log(`${job.id}: training`),
      onEpoch: () => {},
      onBatch: () => {},
      onDone: (job, o) => {
        if (!o.resumed) saveOutcome(ckpt, o);
        console.log(`${job.id}: ${o.resumed ? 'checkpoint' : `done in ${o.seconds.toFixed(0)} s`}`);
      },
    },
    (job) => loadOutcome(ckpt, job.id),
  );
  const prov = provenance('dense', h.seed, 'speaker curve');
  const points = folds.map((f) => {
    const o = outcomes.get(f.id)!;
    const model = toModel(o.result.params, 'dense', f.split.spec, { thetaX: 0, thetaH: 0 }, prov);
    const heldOut = enginePoint(
      model,
      toPack(`curve-${f.id}`, f.split.test, f.split.spec, prov),
      zero,
      'fixed',
    );
    const synth = synthExamples(values.synth, f.split.spec).examples;
    const voices = enginePoint(
      model,
      toPack(`curve-synth-${f.id}`, synth, f.split.spec, prov),
      zero,
      'fixed',
    );
    console.log(
      `${f.id} (k = ${f.k}): held out ${(100 * heldOut.accuracy).toFixed(1)}%, synthesized ${(100 * voices.accuracy).toFixed(1)}%`,
    );
    return {
      heldOut: f.out,
      k: f.k,
      trainSpeakers: f.train,
      bestEpoch: o.result.bestEpoch,
      trainSeconds: o.seconds,
      accuracy: heldOut.accuracy,
      synthAccuracy: voices.accuracy,
    };
  });
  const ks = [...new Set(points.map((p) => p.k))].sort((a, b) => a - b);
  const means = ks.map((k) => {
    const at = points.filter((p) => p.k === k);
    const m = (f: (p: (typeof at)[number]) => number) => at.reduce((s, p) => s + f(p), 0) / at.length;
    return { k, accuracy: m((p) => p.accuracy), synthAccuracy: m((p) => p.synthAccuracy) };
  });
  const fitted = means.filter((m) => m.k >= FIT_FROM_K);
  const curve: SpeakerCurve = {
    command: 'npx tsx tools/train/speaker-curve.ts',
    finishedAt: new Date().toISOString(),
    seconds: (performance.now() - t0) / 1000,
    fitFromK: FIT_FROM_K,
    points,
    means,
    fits: {
      heldOut: {
        target: 0.95,
        ...powerLaw(
          fitted.map((m) => ({ k: m.k, error: 1 - m.accuracy })),
          0.05,
        ),
      },
      synth: {
        target: 0.9,
        ...powerLaw(
          fitted.map((m) => ({ k: m.k, error: 1 - m.synthAccuracy })),
          0.1,
        ),
      },
    },
  };
  writeFileSync(join(values.out, 'curve.json'), `${JSON.stringify(curve, null, 1)}\n`);
  for (const m of means)
    console.log(
      `k = ${m.k}: held out ${(100 * m.accuracy).toFixed(1)}%, synthesized ${(100 * m.synthAccuracy).toFixed(1)}%`,
    );
  console.log(JSON.stringify(curve.fits));
  if (values.publish) publishInto(values.publish, 'curve', curve);
}

const zero = { thetaX: 0, thetaH: 0 };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

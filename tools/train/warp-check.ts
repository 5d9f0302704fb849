// Could a test-time vocal-tract warp close the gap on unheard voices? Each leave-one-speaker-out
// dense model (tools/train/speaker-curve.ts, k = 5) hears every recording of the speaker left out,
// and every synthesized voice, through filterbanks whose band edges are scaled by α (a higher voice
// read with raised bands looks like a lower one). Four ways to pick α, none using labels but the
// oracles: α = 1 (the lab today), per recording the α the model is most confident at, per voice the α
// with the highest mean confidence (a "calibrate to your voice" step), and as ceilings the per-voice α
// that scores best and "any α right". Measurement only: nothing here ships.
// Usage: npx tsx tools/train/warp-check.ts [--data ../shared/data/fsdd] [--synth .tmp/synth-digits]
//        [--curve .tmp/speaker-curve] [--publish bench/results/speaker-validation.json]
// Needs the k = 5 checkpoints in <curve>/ckpt (run speaker-curve.ts first).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compileModel } from '../../src/engine/compile';
import { type LogMelSpec, logMelCodes } from '../../src/engine/features/logmel';
import { runSequence } from '../../src/engine/sequence';
import { uniformThresholds } from '../../src/engine/thresholds';
import { AUGMENT } from './augment';
import { loadOutcome } from './checkpoint';
import { provenance, toModel } from './export';
import { readMono } from './fsdd';
import { FULL } from './methods';
import { speakerSplit } from './pipeline';
import { publishInto } from './publish';
import { jobId } from './speaker-curve';
import { recordings } from './speaker-validation';
import { readSynthDigits } from './synth';
import { voicePathCodes } from './synth-eval';
import type { WarpCheck, WarpScores } from './warp-section';

/** Band-edge scales tried: about the vocal-tract range of the training augmentation (×0.84–1.25). */
export const ALPHAS = [0.84, 0.88, 0.92, 0.96, 1, 1.04, 1.08, 1.12, 1.16];

/** The spec with its band edges scaled by α; the top edge stays below Nyquist. */
export function warpedSpec(spec: LogMelSpec, alpha: number): LogMelSpec {
  const nyquist = spec.sampleRate / 2;
  return { ...spec, fmin: spec.fmin * alpha, fmax: Math.min(spec.fmax * alpha, nyquist - 10) };
}

/** One recording scored at every α: the model's prediction and its confidence (top probability). */
export interface WarpItem {
  voice: string;
  digit: number;
  runs: { prediction: number; confidence: number }[];
}

const argmaxBy = (n: number, f: (i: number) => number) => {
  let best = 0;
  for (let i = 1; i < n; i++) if (f(i) > f(best)) best = i;
  return best;
};

/** Accuracy of each way of picking α (see the header); `base` is the index of α = 1. */
export function warpScores(items: WarpItem[], base: number): WarpScores {
  if (items.length === 0) throw new Error('warp-check: no recordings to score');
  const n = items[0].runs.length;
  if (items.some((it) => it.runs.length !== n)) throw new Error('warp-check: every recording needs every α');
  const right = (it: WarpItem, a: number) => (it.runs[a].prediction === it.digit ? 1 : 0);
  const accuracy = (pick: (it: WarpItem) => number) =>
    items.reduce((s, it) => s + right(it, pick(it)), 0) / items.length;
  const voices = [...new Set(items.map((it) => it.voice))];
  const byVoice = new Map(voices.map((v) => [v, items.filter((it) => it.voice === v)]));
  const perVoice = (score: (it: WarpItem, a: number) => number) =>
    new Map(
      voices.map((v) => {
        const of = byVoice.get(v)!;
        return [v, argmaxBy(n, (a) => of.reduce((s, it) => s + score(it, a), 0))];
      }),
    );
  const confident = perVoice((it, a) => it.runs[a].confidence);
  const best = perVoice(right);
  return {
    fixed: Array.from({ length: n }, (_, a) => accuracy(() => a)),
    unwarped: accuracy(() => base),
    perRecording: accuracy((it) => argmaxBy(n, (a) => it.runs[a].confidence)),
    perVoice: accuracy((it) => confident.get(it.voice)!),
    oracleVoice: accuracy((it) => best.get(it.voice)!),
    oracleAny: items.filter((it) => it.runs.some((r) => r.prediction === it.digit)).length / items.length,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/fsdd' },
      synth: { type: 'string', default: '.tmp/synth-digits' },
      curve: { type: 'string', default: '.tmp/speaker-curve' },
      publish: { type: 'string' },
    },
  });
  if (!existsSync(join(values.synth, 'configs.json')))
    throw new Error(
      `warp-check: no synthesized digits in ${values.synth} (npx tsx tools/make-synth-digits.ts)`,
    );
  const h = FULL;
  const recs = recordings(values.data, values.curve, h, AUGMENT);
  const speakers = [...new Set(recs.map((r) => r.file.speaker))].sort();
  const synth = readSynthDigits(values.synth);
  const t0 = performance.now();
  const folds: WarpCheck['folds'] = [];
  for (const out of speakers) {
    const train = speakers.filter((s) => s !== out);
    const id = jobId(out, train.length, speakers.length, train);
    const ckpt = join(values.curve, 'ckpt');
    if (!existsSync(join(ckpt, `${id}.json`)))
      throw new Error(`warp-check: no ${id} in ${ckpt} (npx tsx tools/train/speaker-curve.ts first)`);
    const split = speakerSplit(recs, h, train, out);
    const o = loadOutcome(ckpt, id)!;
    const model = toModel(
      o.result.params,
      'dense',
      split.spec,
      { thetaX: 0, thetaH: 0 },
      provenance('dense', h.seed, 'warp check'),
    );
    const cm = compileModel(model, 'fixed');
    const th = uniformThresholds(1, 0, 0);
    const run = (codes: Int8Array) => {
      const r = runSequence(cm, th, codes, codes.length / split.spec.bands);
      return { prediction: r.prediction, confidence: Math.max(...r.probs) };
    };
    const specs = ALPHAS.map((a) => warpedSpec(split.spec, a));
    const heldOut = recs
      .filter((r) => r.file.speaker === out)
      .map((r): WarpItem => {
        const x = readMono(r.file, split.spec.sampleRate);
        return { voice: out, digit: r.file.digit, runs: specs.map((s) => run(logMelCodes(x, s).frames)) };
      });
    // The synthesized voices take the microphone path, as synth-eval.ts scores them.
    const voices = synth.map(
      (r): WarpItem => ({
        voice: r.config,
        digit: r.digit,
        runs: specs.map((s) => run(voicePathCodes(r, s).codes)),
      }),
    );
    const base = ALPHAS.indexOf(1);
    const fold = { heldOut: out, speaker: warpScores(heldOut, base), synth: warpScores(voices, base) };
    console.log(
      `${out}: held out ${(100 * fold.speaker.unwarped).toFixed(1)}% → per recording ${(100 * fold.speaker.perRecording).toFixed(1)}%, per voice ${(100 * fold.speaker.perVoice).toFixed(1)}%, any α ${(100 * fold.speaker.oracleAny).toFixed(1)}%; synthesized ${(100 * fold.synth.unwarped).toFixed(1)}% → ${(100 * fold.synth.perRecording).toFixed(1)}%, ${(100 * fold.synth.perVoice).toFixed(1)}%, ${(100 * fold.synth.oracleAny).toFixed(1)}%`,
    );
    folds.push(fold);
  }
  const check: WarpCheck = {
    command: 'npx tsx tools/train/warp-check.ts',
    finishedAt: new Date().toISOString(),
    seconds: (performance.now() - t0) / 1000,
    alphas: ALPHAS,
    synthVoices: new Set(synth.map((r) => r.config)).size,
    folds,
  };
  writeFileSync(join(values.curve, 'warp.json'), `${JSON.stringify(check, null, 1)}\n`);
  if (values.publish) publishInto(values.publish, 'warp', check);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

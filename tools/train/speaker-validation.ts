// Nested speaker validation: compares training recipes on speakers the models never heard, without
// touching the official test takes, any leave-one-speaker-out test speaker's role there, or the
// synthesized voices. Each pair leaves one speaker out entirely, trains the dense model on four of the
// other five (early stopping on their validation takes, as a leave-one-speaker-out fold does) and
// scores it on all recordings of the fifth. Pairs: jackson out, validate on yweweler; george out,
// validate on nicolas.
// Usage: npx tsx tools/train/speaker-validation.ts [--data ../shared/data/fsdd]
//        [--out .tmp/speaker-validation] [--candidates name,name] [--seeds 1,2,3] [--epochs n] [--jobs 2]
//        [--list] [--publish bench/results/speaker-validation.json --shipped name --decision text]
// Finished candidates are kept in <out>/results.json and not trained again (unless their settings
// changed); the table of every stored result is printed at the end.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AUGMENT, type AugmentSettings } from './augment';
import {
  baseSpec,
  type Example,
  fitNormalisation,
  liftered,
  lifterMatrix,
  loadRecordings,
  type Recording,
  toExamples,
} from './dataset';
import { enginePoint } from './engine-eval';
import { provenance, toModel, toPack } from './export';
import { inTakes, listFsdd } from './fsdd';
import { type JobSpec, runJobs, type SplitData } from './jobs';
import { FULL, forwardFor, type Hyper } from './methods';
import { splitData } from './pipeline';
import type { SpeakerValidation } from './results-table';
import { evaluate } from './trainer';

export interface Pair {
  id: string;
  /** Left out entirely (neither trained nor validated on). */
  exclude: string[];
  /** Every recording of this speaker is the nested validation set. */
  validate: string;
}

export const PAIRS: Pair[] = [
  { id: 'yweweler', exclude: ['jackson'], validate: 'yweweler' },
  { id: 'nicolas', exclude: ['george'], validate: 'nicolas' },
];

export interface Candidate {
  name: string;
  about: string;
  hyper: Partial<Hyper>;
  augment?: Partial<AugmentSettings>;
}

const mask = (freqMasks: number, freqWidth: number, timeMasks: number, timeWidth: number) => ({
  specAugment: { freqMasks, freqWidth, timeMasks, timeWidth },
});

/**
 * Every candidate is a change of the recipe as it was before this comparison (final-step loss), so
 * the stored results stay comparable whatever FULL ships now.
 */
const BEFORE: Partial<Hyper> = { tailLoss: 0 };

/** The shipped recipe's changes (tail25-anchor), which the later candidates change further. */
const SHIPPED: Partial<Hyper> = { tailLoss: 0.25, runningMeanAnchor: 'first-frame-level' };

const RAW: Candidate[] = [
  { name: 'base', about: 'the recipe before this comparison', hyper: {} },
  { name: 'mask-f4t5', about: '2 band masks ≤ 4, 2 time masks ≤ 5 frames', hyper: mask(2, 4, 2, 5) },
  { name: 'mask-f3', about: '2 band masks ≤ 3, no time masks', hyper: mask(2, 3, 0, 0) },
  { name: 'mask-f6t8', about: '2 band masks ≤ 6, 2 time masks ≤ 8 frames', hyper: mask(2, 6, 2, 8) },
  {
    name: 'mask-f4t5-h128',
    about: 'mask-f4t5 with H = 128',
    hyper: { ...mask(2, 4, 2, 5), hidden: 128 },
  },
  {
    name: 'mask-f4t5-e24',
    about: 'mask-f4t5 with 24 dense epochs',
    hyper: { ...mask(2, 4, 2, 5), denseEpochs: 24 },
  },
  { name: 'mask-f2', about: '1 band mask ≤ 2, no time masks', hyper: mask(1, 2, 0, 0) },
  { name: 'e24', about: '24 dense epochs', hyper: { denseEpochs: 24 } },
  { name: 'e32', about: '32 dense epochs', hyper: { denseEpochs: 32 } },
  { name: 'h128', about: 'H = 128', hyper: { hidden: 128 } },
  { name: 'v8', about: '8 waveform variants per recording instead of 3', hyper: { augmentVariants: 8 } },
  {
    name: 'v8-e24',
    about: '8 waveform variants, 24 dense epochs',
    hyper: { augmentVariants: 8, denseEpochs: 24 },
  },
  { name: 'tail25', about: 'loss over the last 25% of the steps', hyper: { tailLoss: 0.25 } },
  { name: 'tail50', about: 'loss over the last 50% of the steps', hyper: { tailLoss: 0.5 } },
  { name: 'wd03', about: 'AdamW weight decay 0.3', hyper: { weightDecay: 0.3 } },
  { name: 'wd1', about: 'AdamW weight decay 1', hyper: { weightDecay: 1 } },
  { name: 'bands12', about: '12 bands instead of 20', hyper: { bands: 12 } },
  {
    name: 'e24-h128-v8',
    about: '24 dense epochs, H = 128, 8 waveform variants',
    hyper: { denseEpochs: 24, hidden: 128, augmentVariants: 8 },
  },
  { name: 'drop10', about: 'input dropout 0.1', hyper: { inputDropout: 0.1 } },
  { name: 'drop20', about: 'input dropout 0.2', hyper: { inputDropout: 0.2 } },
  {
    name: 'pad15',
    about: 'p = 0.7: 0–150 ms of faint noise before and after the word',
    hyper: {},
    augment: { padProb: 0.7, padSeconds: [0, 0.15] },
  },
  {
    name: 'pad30',
    about: 'p = 0.7: 0–300 ms of faint noise before and after the word',
    hyper: {},
    augment: { padProb: 0.7, padSeconds: [0, 0.3] },
  },
  { name: 'fmax4000', about: 'bands 300–4000 Hz instead of 300–3400', hyper: { fmax: 4000 } },
  { name: 'fmax3800', about: 'bands 300–3800 Hz instead of 300–3400', hyper: { fmax: 3800 } },
  { name: 'fmin200', about: 'bands 200–3400 Hz instead of 300–3400', hyper: { fmin: 200 } },
  { name: 'bands16', about: '16 bands instead of 20', hyper: { bands: 16 } },
  {
    name: 'tail25-anchor',
    about: "tail25, running mean started at the first frame's level (first-frame-level)",
    hyper: SHIPPED,
  },
  { name: 'tail25-anchor-h128', about: 'tail25-anchor, H = 128', hyper: { ...SHIPPED, hidden: 128 } },
  {
    name: 'tail25-anchor-v8',
    about: 'tail25-anchor, 8 waveform variants per recording instead of 3',
    hyper: { ...SHIPPED, augmentVariants: 8 },
  },
  ...(
    [
      ['03', 0.3],
      ['1', 1],
    ] as const
  ).map(([tag, wd]) => ({
    name: `tail25-anchor-wd${tag}`,
    about: `tail25-anchor, AdamW weight decay ${wd}`,
    hyper: { ...SHIPPED, weightDecay: wd },
  })),
  ...[8, 12].map((keep) => ({
    name: `tail25-anchor-lifter${keep}`,
    about: `tail25-anchor, each frame's log energies liftered to their ${keep} lowest cepstra`,
    hyper: { ...SHIPPED, lifter: keep },
  })),
  {
    name: 'tail25-anchor-band',
    about: 'tail25, running mean started at the first frame per band (first-frame)',
    hyper: { tailLoss: 0.25, runningMeanAnchor: 'first-frame' },
  },
  {
    name: 'warp-wide',
    about: 'vocal-tract range ×0.75–1.4 instead of ×0.84–1.25',
    hyper: {},
    augment: { warp: [0.75, 1.4] },
  },
];

export const CANDIDATES: Candidate[] = RAW.map((c) => ({ ...c, hyper: { ...BEFORE, ...c.hyper } }));

export interface PairResult {
  pair: string;
  trainSpeakers: string[];
  bestEpoch: number;
  epochsRun: number;
  seconds: number;
  /** On the fold's own validation takes (the training speakers), at the best epoch, float. */
  valTakesAccuracy: number;
  /** All recordings of the nested validation speaker, at the best epoch. */
  floatAccuracy: number;
  fixedAccuracy: number;
  /** confusion[true digit][predicted digit] on the nested speaker (float). */
  confusion: number[][];
  perEpoch: { epoch: number; trainAccuracy: number; valAccuracy: number }[];
}

export interface CandidateResult {
  name: string;
  about: string;
  settings: unknown;
  pairs: PairResult[];
  meanFixed: number;
  finishedAt: string;
}

/** Energies of every recording, cached per feature and augmentation settings (the slow step). */
export function recordings(data: string, out: string, h: Hyper, aug: AugmentSettings): Recording[] {
  const files = listFsdd(data);
  const spec = baseSpec(h);
  const key = JSON.stringify({ spec, aug, v: h.augmentVariants, seed: h.seed, n: files.length });
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) >>> 0;
  const path = join(out, `energies-${hash.toString(16)}.bin`);
  if (existsSync(path)) {
    const buf = readFileSync(path);
    const headerLen = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + headerLen).toString()) as {
      key: string;
      lengths: number[];
    };
    if (header.key === key) {
      const all = new Float32Array(
        buf.buffer.slice(buf.byteOffset + 4 + headerLen + ((4 - (headerLen % 4)) % 4)),
      );
      let at = 0;
      let k = 0;
      const take = () => {
        const n = header.lengths[k++];
        const a = all.slice(at, at + n);
        at += n;
        return a;
      };
      return files.map((file) => ({
        file,
        clean: take(),
        variants: Array.from({ length: h.augmentVariants }, take),
      }));
    }
  }
  const t0 = performance.now();
  const recs = loadRecordings(files, spec, aug, h.augmentVariants, h.seed);
  const arrays = recs.flatMap((r) => [r.clean, ...r.variants]);
  const header = Buffer.from(JSON.stringify({ key, lengths: arrays.map((a) => a.length) }));
  const pad = (4 - (header.length % 4)) % 4;
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const body = Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  writeFileSync(path, Buffer.concat([len, header, Buffer.alloc(pad), body]));
  console.log(
    `features: ${recs.length} recordings (+${h.augmentVariants} variants each) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  return recs;
}

interface PairSplit {
  data: SplitData;
  nested: Example[];
  spec: ReturnType<typeof fitNormalisation>;
  trainSpeakers: string[];
}

function pairSplit(recs: Recording[], h: Hyper, pair: Pair): PairSplit {
  const isVal = (take: number) => inTakes({ take } as never, h.valTakes);
  const trainSpeakers = [...new Set(recs.map((r) => r.file.speaker))]
    .filter((s) => s !== pair.validate && !pair.exclude.includes(s))
    .sort();
  const own = recs.filter((r) => trainSpeakers.includes(r.file.speaker));
  const train = own.filter((r) => !isVal(r.file.take));
  const val = own.filter((r) => isVal(r.file.take));
  const spec = fitNormalisation(own, baseSpec(h), h.runningMeanDecay, h.runningMeanAnchor);
  return {
    spec,
    trainSpeakers,
    data: splitData(train, val, spec),
    nested: toExamples(
      recs.filter((r) => r.file.speaker === pair.validate),
      spec,
      false,
    ),
  };
}

async function runCandidate(c: Candidate, data: string, out: string, jobs: number): Promise<CandidateResult> {
  // The fixed running-mean start is what every candidate stored before the anchor existed was run with.
  const h: Hyper = { ...FULL, runningMeanAnchor: undefined, ...c.hyper };
  const aug: AugmentSettings = { ...AUGMENT, ...c.augment };
  const energies = recordings(data, out, h, aug);
  const lifter = h.lifter ? lifterMatrix(h.bands, h.lifter) : null;
  const recs = lifter
    ? energies.map((r) => ({
        file: r.file,
        clean: liftered(r.clean, lifter, h.bands),
        variants: r.variants.map((v) => liftered(v, lifter, h.bands)),
      }))
    : energies;
  const splits: Record<string, SplitData> = {};
  const extra = new Map<string, PairSplit>();
  for (const pair of PAIRS) {
    const s = pairSplit(recs, h, pair);
    splits[pair.id] = s.data;
    extra.set(pair.id, s);
  }
  const specs: JobSpec[] = PAIRS.map((p) => ({
    id: `dense@${p.id}`,
    method: 'dense',
    split: p.id,
    initFrom: null,
  }));
  const t0 = performance.now();
  const outcomes = await runJobs(specs, h, splits, jobs, {
    onStart: (job, epochs) => console.log(`${c.name} ${job.id}: ${epochs} epochs`),
    onEpoch: (job, r) =>
      console.log(
        `${c.name} ${job.id} epoch ${r.epoch}: train ${(100 * r.trainAccuracy).toFixed(1)}% val takes ${(100 * r.valAccuracy).toFixed(1)}% (${r.seconds.toFixed(0)} s)`,
      ),
    onBatch: () => {},
    onDone: (job, o) => console.log(`${c.name} ${job.id}: done in ${o.seconds.toFixed(0)} s`),
  });
  const forward = forwardFor('dense', h);
  const pairs = PAIRS.map((p): PairResult => {
    const o = outcomes.get(`dense@${p.id}`)!;
    const s = extra.get(p.id)!;
    const prov = provenance('dense', h.seed, 'nested speaker validation');
    const model = toModel(o.result.params, 'dense', s.spec, { thetaX: 0, thetaH: 0 }, prov);
    const pack = toPack(`nested-${p.id}`, s.nested, s.spec, prov);
    const best = o.result.epochs.find((e) => e.epoch === o.result.bestEpoch)!;
    const floated = evaluate(o.result.params, s.nested, forward);
    const confusion = Array.from({ length: 10 }, () => Array(10).fill(0));
    s.nested.forEach((e, i) => {
      confusion[e.file.digit][floated.predictions[i]]++;
    });
    return {
      pair: p.id,
      trainSpeakers: s.trainSpeakers,
      bestEpoch: o.result.bestEpoch,
      epochsRun: o.result.epochs.length,
      seconds: o.seconds,
      valTakesAccuracy: best.valAccuracy,
      floatAccuracy: floated.accuracy,
      confusion,
      fixedAccuracy: enginePoint(model, pack, { thetaX: 0, thetaH: 0 }, 'fixed').accuracy,
      perEpoch: o.result.epochs.map((e) => ({
        epoch: e.epoch,
        trainAccuracy: e.trainAccuracy,
        valAccuracy: e.valAccuracy,
      })),
    };
  });
  console.log(`${c.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return {
    name: c.name,
    about: c.about,
    settings: { hyper: c.hyper, augment: c.augment ?? {} },
    pairs,
    meanFixed: pairs.reduce((a, p) => a + p.fixedAccuracy, 0) / pairs.length,
    finishedAt: new Date().toISOString(),
  };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function table(results: CandidateResult[]): string {
  const head = `| candidate | ${PAIRS.map((p) => `${p.validate} (without ${p.exclude.join(', ')})`).join(' | ')} | mean | dense epochs (best) | job s |`;
  const rows = results.map((r) => {
    const cells = r.pairs.map((p) => `${pct(p.fixedAccuracy)} [float ${pct(p.floatAccuracy)}]`);
    const epochs = r.pairs.map((p) => `${p.epochsRun} (${p.bestEpoch})`).join(', ');
    return `| ${r.name}: ${r.about} | ${cells.join(' | ')} | ${pct(r.meanFixed)} | ${epochs} | ${r.pairs.map((p) => p.seconds.toFixed(0)).join(', ')} |`;
  });
  return [head, `|${' --- |'.repeat(PAIRS.length + 4)}`, ...rows].join('\n');
}

const groupBySeeds = (results: CandidateResult[]) => {
  const groups = new Map<string, CandidateResult[]>();
  for (const r of results) {
    const k = r.name.split('#')[0];
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return groups;
};

/**
 * The comparison as RESULTS.md reads it (tools/train/results-table.ts SpeakerValidation). `earlier`:
 * the rows published before; those of candidates this store lacks are kept (a store is a scratch
 * folder, and a later session adds candidates to what an earlier one published).
 */
export function published(
  results: CandidateResult[],
  shipped: string,
  decision?: string,
  earlier: SpeakerValidation['rows'] = [],
): SpeakerValidation {
  const fresh = [...groupBySeeds(results)].map(([name, rs]) => {
    const perPair = PAIRS.map((_, i) => rs.reduce((a, r) => a + r.pairs[i].fixedAccuracy, 0) / rs.length);
    return {
      name,
      about: rs[0].about,
      seeds: rs.map((r) => Number(r.name.split('#')[1] ?? 1)).sort((a, b) => a - b),
      perPair,
      mean: perPair.reduce((a, b) => a + b, 0) / perPair.length,
      shipped: name === shipped,
    };
  });
  const kept = earlier
    .filter((row) => !fresh.some((r) => r.name === row.name))
    .map((row) => ({ ...row, shipped: row.name === shipped }));
  const rows = [...fresh, ...kept];
  return {
    command: 'npx tsx tools/train/speaker-validation.ts',
    ...(decision ? { decision } : {}),
    pairs: PAIRS.map((p, i) => ({
      validate: p.validate,
      exclude: p.exclude,
      trainSpeakers: results[0]?.pairs[i].trainSpeakers ?? [],
    })),
    rows: rows.sort((a, b) => b.seeds.length - a.seeds.length || b.mean - a.mean),
  };
}

/** Mean over seeds of each candidate (rows named name, name#2, ...). */
export function summary(results: CandidateResult[]): string {
  const groups = groupBySeeds(results);
  const head = `| candidate | seeds | ${PAIRS.map((p) => p.validate).join(' | ')} | mean |`;
  const rows = [...groups].map(([k, rs]) => {
    const per = PAIRS.map((_, i) => rs.reduce((a, r) => a + r.pairs[i].fixedAccuracy, 0) / rs.length);
    const m = per.reduce((a, b) => a + b, 0) / per.length;
    return `| ${k} | ${rs.length} | ${per.map(pct).join(' | ')} | ${pct(m)} |`;
  });
  return [head, `|${' --- |'.repeat(PAIRS.length + 3)}`, ...rows].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/fsdd' },
      out: { type: 'string', default: '.tmp/speaker-validation' },
      candidates: { type: 'string', default: 'base' },
      epochs: { type: 'string' },
      seeds: { type: 'string', default: '1' },
      jobs: { type: 'string', default: '2' },
      list: { type: 'boolean', default: false },
      /** Write the mean-over-seeds comparison (RESULTS.md's input) to this file. */
      publish: { type: 'string' },
      /** The candidate the shipped recipe is (marked in the published comparison). */
      shipped: { type: 'string', default: 'base' },
      /** A sentence on what was done with the outcome (RESULTS.md prints it under the table). */
      decision: { type: 'string' },
    },
  });
  if (values.list) {
    for (const c of CANDIDATES) console.log(`${c.name}: ${c.about}`);
    return;
  }
  mkdirSync(values.out, { recursive: true });
  const store = join(values.out, 'results.json');
  const results: CandidateResult[] = existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : [];
  const seeds = values.seeds.split(',').map(Number);
  for (const name of values.candidates.split(',').filter(Boolean))
    for (const seed of seeds) {
      const found = CANDIDATES.find((c) => c.name === name);
      if (!found) throw new Error(`unknown candidate ${name} (--list shows them)`);
      const named: Candidate = values.epochs
        ? {
            ...found,
            name: `${found.name}@${values.epochs}`,
            hyper: { ...found.hyper, denseEpochs: Number(values.epochs) },
          }
        : found;
      // Seed 1 (the shipped one) keeps the plain name; other seeds (initialisation, order, variants) are #n.
      const c: Candidate =
        seed === 1 ? named : { ...named, name: `${named.name}#${seed}`, hyper: { ...named.hyper, seed } };
      const settings = JSON.stringify({ hyper: c.hyper, augment: c.augment ?? {} });
      const old = results.findIndex((r) => r.name === c.name);
      if (old >= 0 && JSON.stringify(results[old].settings) === settings) {
        console.log(`${c.name}: stored result kept`);
        continue;
      }
      const r = await runCandidate(c, values.data, values.out, Number(values.jobs));
      // Another run may have stored results meanwhile: merge into what is there now.
      const now: CandidateResult[] = existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : [];
      results.splice(0, results.length, ...now.filter((x) => x.name !== r.name), r);
      writeFileSync(store, `${JSON.stringify(results, null, 1)}\n`);
    }
  console.log(table(results));
  console.log(`\n${summary(results)}`);
  if (values.publish) {
    // Keep the official-validation and fold comparisons stored in the same file
    // (tools/train/official-validation.ts, fold-validation.ts), and rows published from other stores.
    const before: Partial<SpeakerValidation> = existsSync(values.publish)
      ? JSON.parse(readFileSync(values.publish, 'utf8'))
      : {};
    const out = {
      ...before,
      ...published(results, values.shipped, values.decision ?? before.decision, before.rows),
    };
    writeFileSync(values.publish, `${JSON.stringify(out, null, 1)}\n`);
    console.log(`wrote ${values.publish}`);
  }
}

// Run as a script, not when another tool imports its pieces (tools/train/official-validation.ts).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../../../src/engine/types';
import type { SpeakerCurve } from '../../../tools/train/curve-section';
import { tradeoffSvg } from '../../../tools/train/results-svg';
import {
  bestWithin,
  type MethodResult,
  resultsMarkdown,
  scheduledWall,
} from '../../../tools/train/results-table';

const pt = (theta: number, accuracy: number, speedup: number): CurvePoint => ({
  thetaX: theta,
  thetaH: theta,
  accuracy,
  speedup,
  macReduction: speedup * 1.2,
  memReduction: speedup * 0.8,
  occupancy: 1 / speedup,
});

function result(method: string, curve: CurvePoint[]): MethodResult {
  const epoch = { seconds: 2 };
  return {
    id: `digits-${method}`,
    method,
    label: method,
    curve,
    report: {
      hyperparameters: { hidden: 64, bands: 20, trainTheta: 4, inputThetaRatio: 1, l1Beta: 0.01 },
      features: { bands: 20, windowLength: 200, hop: 80, fftSize: 256 },
      trainer: 'hand BPTT',
      training: {
        epochs: [epoch, epoch],
        bestEpoch: 2,
        seconds: 4,
        meanEpochSeconds: 2,
        allJobsWallSeconds: 600,
      },
      test: { floatTheta0: { accuracy: 0.98 } },
      loso: {
        folds: ['jackson', 'theo'].map((speaker, k) => ({
          speaker,
          trainSeconds: 50,
          operatingPoint: { thetaX: 4, thetaH: 4, reference: 0.97, valAccuracy: 0.97 },
          test: measured(0.96 - k * 0.02, 0.95 - k * 0.02, 2, 6),
        })),
        meanTheta0: 0.95,
        meanOperatingPoint: 0.94,
        meanSpeedup: 6,
      },
      channels: [
        { id: 'clean', label: 'clean', ...measured(0.97, 0.965, 2, 7) },
        { id: 'band-limited', label: 'band-limited', ...measured(0.96, 0.955, 2, 7) },
        { id: 'quieter', label: '12 dB quieter', ...measured(0.95, 0.93, 2, 7) },
      ],
      synthesized: {
        ...measured(0.92, 0.91, 2, 7),
        generator: 'eSpeak NG text-to-speech: 1.51  Data at: /usr/lib',
        voices: 40,
        path: 'microphone path',
        endpointMisses: 0,
      },
    },
  };
}

function measured(acc0: number, accOp: number, speed0: number, speedOp: number) {
  return {
    items: 500,
    theta0: { thetaX: 0, thetaH: 0, accuracy: acc0, speedup: speed0 },
    operatingPoint: { thetaX: 4, thetaH: 4, accuracy: accOp, speedup: speedOp },
  };
}

const dense = result('dense', [pt(0, 0.97, 2), pt(2, 0.965, 4), pt(4, 0.9, 7)]);
const delta = result('delta-l1', [pt(0, 0.975, 3), pt(2, 0.97, 6), pt(4, 0.962, 11), pt(8, 0.95, 20)]);

describe('digits results', () => {
  it('finds the highest speedup within the allowed accuracy drop', () => {
    expect(bestWithin(delta.curve, 0.97, 0.01)?.thetaX).toBe(4);
    expect(bestWithin(delta.curve, 0.97, 0.005)?.thetaX).toBe(2);
    expect(bestWithin(dense.curve, 0.99, 0.01)).toBeNull();
  });

  it('writes the tables, the targets and the ordering from the curves', () => {
    const md = resultsMarkdown([delta, dense]);
    expect(md).toContain('| dense | 97.0% · 2.0x | 96.5% · 4.0x | 90.0% · 7.0x | – | – |');
    expect(md).toContain('(target ≥ 97%: met)');
    expect(md).toContain('delta-l1 (11.0x) > dense (4.0x)');
  });

  it('reports every leave-one-speaker-out fold, the mean and the target', () => {
    const md = resultsMarkdown([delta, dense]);
    expect(md).toContain('| method | jackson | theo | mean |');
    expect(md).toContain('| dense, Θ = 0 | 96.0% · 2.0x | 94.0% · 2.0x | 95.0% |');
    expect(md).toContain('| dense, validation-chosen Θ | 95.0% · 6.0x | 93.0% · 6.0x | 94.0% · 6.0x |');
    expect(md).toContain('(NOT met; lowest mean over these methods 94.0%)');
  });

  it('compares each channel with the clean test split, and the synthesized voices with their target', () => {
    const md = resultsMarkdown([dense]);
    expect(md).toContain('| dense | 96.5% [97.0%] | 95.5% (−1.0) [96.0%] | 93.0% (−3.5) [95.0%] |');
    expect(md).toContain('(NOT met; largest drop 3.5 points)');
    expect(md).toContain('| dense | 92.0% · 2.0x | 91.0% · 7.0x |');
    expect(md).toContain('Target ≥ 90% (met; lowest 91.0%)');
    expect(md).toContain('eSpeak NG text-to-speech: 1.51, 40 voice settings');
  });

  it('lists the thresholds chosen on validation, or says there was none', () => {
    const withOp = result('delta', delta.curve);
    withOp.report.operatingPoint = {
      thetaX: 5,
      thetaH: 6,
      reference: 0.973,
      valAccuracy: 0.973,
      valSpeedup: 9.2,
      test: { accuracy: 0.967, speedup: 9.05 },
    };
    const none = result('dense', dense.curve);
    none.report.operatingPoint = null;
    const md = resultsMarkdown([withOp, none]);
    expect(md).toContain("within 1 point of the dense model's there (97.3%)");
    expect(md).toContain('| delta | 5, 6 | 97.3% | 9.2x | 96.7% | 9.1x | −0.3 |');
    expect(md).toContain('| dense | – | no pair within 1 point on validation | | | | |');
    expect(md).toContain(
      '`delta` at Θx = 5, Θh = 6: 9.1x on test at −0.3 points against dense (target ≥ 10x within 1 point: NOT met)',
    );
    expect(resultsMarkdown([dense])).not.toContain('Thresholds chosen on validation');
    withOp.report.operatingPoint.withinDrop = false;
    expect(resultsMarkdown([withOp])).toContain(
      '| delta | 5, 6 (none within 1 point: the most accurate) | 97.3% |',
    );
  });

  it('with cross-validation folds, says so and lists each fold at the chosen pair', () => {
    const withOp = result('delta', delta.curve);
    withOp.report.operatingPoint = {
      thetaX: 7,
      thetaH: 6,
      reference: 0.975,
      valAccuracy: 0.97,
      valSpeedup: 10.2,
      valCopies: [
        { id: 'band-limited', accuracy: 0.968 },
        { id: 'quieter', accuracy: 0.971 },
      ],
      folds: [
        { id: 'takes 5-14', items: 600, valAccuracy: 0.972, valSpeedup: 10.0 },
        { id: 'takes 15-24', items: 600, valAccuracy: 0.968, valSpeedup: 10.4 },
      ],
      test: { accuracy: 0.967, speedup: 10.1 },
    };
    const none = result('dense', dense.curve);
    none.report.operatingPoint = null;
    const md = resultsMarkdown([withOp, none]);
    expect(md).toContain(
      'cross-validated over 2 folds of the training takes (takes 5-14, takes 15-24; 1200 recordings)',
    );
    expect(md).toContain('pooled accuracy at Θ = 0 on the clean takes (97.5%)');
    expect(md).toContain(
      '| delta | 7, 6 | 97.0%; 96.8%, 97.1% | 10.2x | 97.2% · 10.0x; 96.8% · 10.4x | 96.7% | 10.1x | −0.3 |',
    );
    expect(md).toContain('| dense | – | no pair within 1 point on validation | | | | | |');
    // The fold models' job times: their own column, counted and scheduled with the rest.
    withOp.report.training.crossValidationJobs = [{ fold: 'takes 15-24', seconds: 120 }];
    none.report.training.crossValidationJobs = [{ fold: 'takes 15-24', seconds: 180 }];
    const timed = resultsMarkdown([withOp, none]);
    expect(timed).toContain('| cross-validation fold job times (s) |');
    expect(timed).toMatch(/\| delta \| 2 \| 2 \| 2\.0 \| 4 \| 50, 50 \| 120 \|/);
    expect(timed).toContain('all 8 jobs');
    expect(scheduledWall([withOp, none])).toBeGreaterThan(
      scheduledWall([result('delta', delta.curve), result('dense', dense.curve)]),
    );
  });

  it('schedules the measured job times on two threads, dense jobs first', () => {
    // Official split: dense 4 s, delta-l1 4 s; two folds: dense 50 s, delta-l1 50 s each (see result()).
    // A: dense (0-4), delta-l1 (4-8), dense@theo (8-58), delta-l1@theo (58-108);
    // B: dense@jackson (0-50), delta-l1@jackson (50-100).
    expect(scheduledWall([dense, delta])).toBe(108);
    expect(scheduledWall([dense, delta], 1)).toBe(208);
    const md = resultsMarkdown([dense, delta]);
    expect(md).toContain('takes about 1.8 min');
    expect(md).toContain(
      'All shipped files came from one invocation, which trained all 6 jobs in 10.0 min (measured).',
    );
  });

  it('draws one curve and one legend entry per method', () => {
    const svg = tradeoffSvg([dense, delta]);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(7);
    expect(tradeoffSvg([result('dense', [pt(0, 0.97, 2), pt(8, 0.5, 20)])]).match(/<circle /g)).toHaveLength(
      1,
    );
    expect(svg).toContain('>delta-l1</text>');
  });

  it('prints the nested speaker comparison of training recipes, the shipped one marked, and the decision', () => {
    const md = resultsMarkdown([dense], {
      command: 'npx tsx tools/train/speaker-validation.ts',
      decision: 'Kept the old recipe.',
      pairs: [
        { validate: 'yweweler', exclude: ['jackson'], trainSpeakers: ['george', 'lucas'] },
        { validate: 'nicolas', exclude: ['george'], trainSpeakers: ['jackson', 'lucas'] },
      ],
      rows: [
        {
          name: 'tail25',
          about: 'tail',
          seeds: [1, 2],
          perPair: [0.855, 0.723],
          mean: 0.789,
          shipped: false,
        },
        { name: 'base', about: 'old', seeds: [1, 2], perPair: [0.779, 0.667], mean: 0.723, shipped: true },
      ],
    });
    expect(md).toContain(
      'trained on george, lucas (jackson left out entirely), validated on all of yweweler',
    );
    expect(md).toContain('| tail25: tail | 1, 2 | 85.5% | 72.3% | 78.9% |');
    expect(md).toContain('| **base** (shipped): old | 1, 2 | 77.9% | 66.7% | 72.3% |');
    expect(md).toContain('Kept the old recipe.');
    expect(resultsMarkdown([dense])).not.toContain('Training recipe chosen on held-out speakers');
  });

  it('prints the speaker curve: each k with the per-speaker accuracies, their means, and the fitted speaker counts', () => {
    const curve: SpeakerCurve = {
      command: 'npx tsx tools/train/speaker-curve.ts',
      finishedAt: '2026-12-03T02:00:00Z',
      seconds: 1200,
      fitFromK: 2,
      points: ['george', 'theo'].flatMap((heldOut, i) =>
        [1, 2].map((k) => ({
          heldOut,
          k,
          trainSpeakers: [],
          bestEpoch: 1,
          trainSeconds: 90,
          accuracy: 0.5 + 0.1 * k + 0.01 * i,
          synthAccuracy: 0.3 + 0.1 * k,
        })),
      ),
      means: [
        { k: 1, accuracy: 0.605, synthAccuracy: 0.4 },
        { k: 2, accuracy: 0.705, synthAccuracy: 0.5 },
      ],
      fits: {
        heldOut: { target: 0.95, a: -0.5, b: -0.7, kAtTarget: 141.2 },
        synth: { target: 0.9, a: -0.2, b: 0.1, kAtTarget: null },
      },
    };

    const md = resultsMarkdown([dense], { command: 'c', pairs: [], rows: [], curve });
    expect(md).toContain('## Unheard voices against the number of training speakers');
    expect(md).toContain('| speakers trained on | george | theo | mean | synthesized voices (mean) |');
    expect(md).toContain('| 1 | 60.0% | 61.0% | 60.5% | 40.0% |');
    expect(md).toContain('| 2 | 70.0% | 71.0% | 70.5% | 50.0% |');
    expect(md).toContain(
      'error ∝ k^-0.70, which reaches 95.0% at about 142 training speakers (in effect, more speakers like these would not reach it)',
    );
    expect(md).toContain('no count of such speakers reaches 90.0%');
    expect(md).toContain('training its 4 models took 6 min of job time');
    expect(md).toContain('by +10.0 points, and on the synthesized voices by +10.0.');
    expect(resultsMarkdown([dense], { command: 'c', pairs: [], rows: [] })).not.toContain(
      'against the number of training speakers',
    );
  });

  it('prints the official-validation comparison with the predictions each channel copy changed', () => {
    const choice = {
      pairs: ['7,6', '6,6'],
      speedup: 9.9,
      accuracy: { clean: 0.973, band: 0.972, quieter: 0.97 },
    };
    const row = (name: string, chosen?: Record<string, number>) => ({
      name,
      about: 'about',
      method: 'delta',
      seeds: [1, 2],
      shipped: name === 'shipped',
      theta0: { clean: 0.95, band: 0.94, quieter: 0.955 },
      flips0: { band: 0.013, quieter: 0.005 },
      ...(chosen ? { flipsChosen: chosen } : {}),
      plain: choice,
      channels: choice,
    });
    const md = resultsMarkdown([dense], {
      command: 'sv',
      pairs: [],
      rows: [],
      official: {
        command: 'ov',
        channels: [
          { id: 'band', label: 'band-limited' },
          { id: 'quieter', label: 'quieter' },
        ],
        rows: [row('old'), row('shipped', { band: 0.02, quieter: 0.004 })],
      },
    });
    expect(md).toContain('predictions changed by band-limited / quieter: Θ = 0; all-copies pair |');
    expect(md).toContain('| 95.0% / 94.0% / 95.5% | 7,6; 6,6 · 9.9x · 97.3% / 97.2% / 97.0% |');
    expect(md).toContain('| 1.3% / 0.5%; – |');
    expect(md).toContain('| **shipped** (shipped): about | delta | 1, 2 |');
    expect(md).toContain('| 1.3% / 0.5%; 2.0% / 0.4% |');
  });

  it('prints the cross-validation fine-tune comparison to two decimals, the fallback named, and the decision', () => {
    const row = (name: string, withinDrop: boolean) => ({
      name,
      about: 'about',
      method: 'delta',
      shipped: name === 'shipped',
      reference: 0.96917,
      choice: { thetaX: 3, thetaH: 6, withinDrop, speedup: 6.96, accuracy: 0.95875 },
      at: [{ thetaX: 6, thetaH: 6, worst: 0.95458, speedup: 9.3 }],
    });
    const md = resultsMarkdown([dense], {
      command: 'sv',
      pairs: [],
      rows: [],
      folds: {
        command: 'fv',
        decision: 'kept the shipped recipe',
        items: 2400,
        copies: ['band-limited', 'quieter'],
        rows: [row('shipped', false), row('ramp3', true)],
      },
    });
    expect(md).toContain('the 2400 validation takes and their band-limited and quieter copies pooled');
    expect(md).toContain(
      '| candidate | method | reference | chosen: Θx,Θh · speedup · clean accuracy | Θ 6,6 |',
    );
    expect(md).toContain(
      '| **shipped** (shipped): about | delta | 96.92% | 3,6 (none within 1 point: most accurate) · 7.0x · 95.88% | 95.46% · 9.3x |',
    );
    expect(md).toContain('| ramp3: about | delta | 96.92% | 3,6 · 7.0x · 95.88% |');
    expect(md).toContain('kept the shipped recipe');
  });

  it('names the figure with a <title> as the first child of the <svg>', () => {
    const svg = tradeoffSvg([dense, delta]);
    expect(svg).toMatch(/^<svg [^>]*>\n<title>[^<]+<\/title>\n/);
  });
});

import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../../../src/engine/types';
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
      speakerCheck: {
        heldOutSpeaker: 'jackson',
        testItems: 500,
        trainSeconds: 100,
        theta0: { accuracy: 0.8, speedup: 2 },
        trainTheta: { thetaX: 4, thetaH: 4, accuracy: 0.75, speedup: 6 },
      },
    },
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
    expect(md).toContain('`delta-l1`, 11.0x at Θx = 4, Θh = 4 (target ≥ 9x: met)');
    expect(md).toContain('delta-l1 (11.0x) > dense (4.0x)');
    expect(md).toContain('| delta-l1 | 97.5% | 80.0% | 75.0% (Θ=4, 4) | 6.0x |');
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
    expect(md).toContain('| delta | 5, 6 | 97.3% | 9.2x | 96.7% | 9.1x |');
    expect(md).toContain('| dense | – | no pair within 1 point on validation | | | |');
    expect(resultsMarkdown([dense])).not.toContain('Thresholds chosen on validation');
  });

  it('schedules the measured job times on two threads, dense jobs first', () => {
    // Official split: dense 4 s, delta-l1 4 s; fold: dense 100 s, delta-l1 100 s (see result()).
    // Thread A: dense (0-4), delta-l1 (4-8); thread B: dense@ (0-100), delta-l1@ (100-200).
    expect(scheduledWall([dense, delta])).toBe(200);
    expect(scheduledWall([dense, delta], 1)).toBe(208);
    const md = resultsMarkdown([dense, delta]);
    expect(md).toContain('takes about 3.3 min');
    expect(md).toContain(
      'All shipped files came from one invocation, which trained all ten jobs in 10.0 min (measured).',
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

  it('names the figure with a <title> as the first child of the <svg>', () => {
    const svg = tradeoffSvg([dense, delta]);
    expect(svg).toMatch(/^<svg [^>]*>\n<title>[^<]+<\/title>\n/);
  });
});

// The threshold choices of the official-validation comparison: the fastest pair within the drop on
// the clean takes alone, on every channel copy, or on their mean; the most accurate pair otherwise.
import { describe, expect, it } from 'vitest';
import { AUGMENT } from '../../../tools/train/augment';
import { FULL } from '../../../tools/train/methods';
import {
  choose,
  jobKey,
  OFFICIAL_CANDIDATES,
  type OfficialResult,
  publishedOfficial,
} from '../../../tools/train/official-validation';

const g = (thetaX: number, speedup: number, clean: number, quieter: number) => ({
  thetaX,
  thetaH: thetaX,
  speedup,
  acc: { clean, quieter },
});
const grid = [g(0, 1.7, 0.98, 0.97), g(4, 6, 0.975, 0.96), g(6, 9, 0.972, 0.98), g(8, 12, 0.971, 0.9)];

describe('choose', () => {
  it('on the clean takes: the fastest pair within the drop there', () => {
    const c = choose(grid, ['clean'], 0.98, 0.01);
    expect([c.thetaX, c.withinDrop, c.speedup]).toEqual([8, true, 12]);
  });

  it('on every copy: the pair must hold on the worst of them', () => {
    const c = choose(grid, ['clean', 'quieter'], 0.98, 0.01);
    expect([c.thetaX, c.withinDrop]).toEqual([6, true]);
    expect(c.accuracy).toEqual({ clean: 0.972, quieter: 0.98 });
  });

  it('pooled: on the mean over the copies', () => {
    const c = choose(grid, ['clean', 'quieter'], 0.98, 0.01, 'mean');
    expect(c.thetaX).toBe(6);
    expect(choose(grid, ['clean', 'quieter'], 0.98, 0.02, 'mean').thetaX).toBe(6);
    expect(choose(grid, ['clean', 'quieter'], 0.98, 0.05, 'mean').thetaX).toBe(8);
  });

  it('none within the drop: the most accurate pair (on the worst copy), marked', () => {
    const c = choose(grid, ['clean', 'quieter'], 1, 0.001);
    expect([c.thetaX, c.withinDrop]).toEqual([6, false]);
  });
});

describe('publishedOfficial', () => {
  it('averages each candidate and method over its seeds and lists the pairs per seed', () => {
    const choice = (thetaX: number, speedup: number, clean: number) => ({
      thetaX,
      thetaH: 6,
      withinDrop: true,
      speedup,
      accuracy: { clean, quieter: clean, 'band-limited': clean },
    });
    const result = (seed: number, thetaX: number, speedup: number, clean: number): OfficialResult => ({
      name: 'anchor',
      about: 'about',
      seed,
      settings: {},
      reference: 0.98,
      finishedAt: '',
      methods: [
        {
          method: 'delta',
          bestEpoch: 5,
          epochsRun: 5,
          seconds: 1,
          theta0: { clean, quieter: clean, 'band-limited': clean },
          flips0: { quieter: 0, 'band-limited': 0 },
          plain: choice(thetaX, speedup, clean),
          channels: choice(thetaX, speedup, clean),
          pooled: choice(thetaX, speedup, clean),
          grid: [],
        },
      ],
    });
    const p = publishedOfficial([result(1, 7, 10, 0.97), result(2, 6, 9, 0.96)], ['anchor']);
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0].seeds).toEqual([1, 2]);
    expect(p.rows[0].shipped).toBe(true);
    expect(p.rows[0].plain.pairs).toEqual(['7,6', '6,6']);
    expect(p.rows[0].plain.speedup).toBeCloseTo(9.5, 9);
    expect(p.rows[0].theta0.clean).toBeCloseTo(0.965, 9);
  });
});

describe('jobKey', () => {
  const c = (name: string) => OFFICIAL_CANDIDATES.find((x) => x.name === name)!;
  const h = (name: string, seed = 1) => ({ ...FULL, ...c(name).hyper, seed });

  it('the second round is relative to FULL: `shipped` is FULL, and shares its jobs with the first round', () => {
    expect(jobKey(h('shipped'), 'delta')).toBe(jobKey({ ...FULL, seed: 1 }, 'delta'));
    expect(jobKey(h('shipped'), 'dense')).toBe(jobKey(h('anchor'), 'dense'));
    expect(jobKey(h('shipped'), 'delta-l1')).toBe(jobKey(h('anchor-tune10'), 'delta-l1'));
    expect(jobKey(h('shipped'), 'rounded')).not.toBe(jobKey(h('anchor'), 'rounded'));
  });

  it('a fine-tune candidate reuses its dense job; a feature or augmentation change does not', () => {
    expect(jobKey(h('tune16'), 'dense')).toBe(jobKey(h('shipped'), 'dense'));
    expect(jobKey(h('tune16'), 'delta')).not.toBe(jobKey(h('shipped'), 'delta'));
    expect(jobKey(h('floor8'), 'dense')).not.toBe(jobKey(h('shipped'), 'dense'));
    const band = { ...AUGMENT, ...c('band7').augment };
    expect(band.bandProb).toBe(0.7);
    expect(jobKey(h('band7'), 'dense', band)).not.toBe(jobKey(h('band7'), 'dense'));
    expect(jobKey(h('shipped'), 'dense', { ...AUGMENT })).toBe(jobKey(h('shipped'), 'dense'));
    expect(jobKey(h('shipped', 2), 'dense')).not.toBe(jobKey(h('shipped'), 'dense'));
  });
});

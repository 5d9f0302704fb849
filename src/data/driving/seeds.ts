// Disjoint seed ranges, so no training drive is ever seen again in validation or test.
export const TRAIN_SEEDS = { first: 1, count: 99_999 } as const;
export const VALIDATION_SEEDS = { first: 100_000, count: 100_000 } as const;
export const TEST_SEEDS = { first: 200_000, count: 100_000 } as const;

export type SeedSplit = 'train' | 'validation' | 'test';

export function seedSplit(seed: number): SeedSplit | undefined {
  for (const [name, r] of [
    ['train', TRAIN_SEEDS],
    ['validation', VALIDATION_SEEDS],
    ['test', TEST_SEEDS],
  ] as const) {
    if (Number.isInteger(seed) && seed >= r.first && seed < r.first + r.count) return name;
  }
  return undefined;
}

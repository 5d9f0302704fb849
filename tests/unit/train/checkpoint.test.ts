import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/random';
import { loadOutcome, saveOutcome } from '../../../tools/train/checkpoint';
import { initParams, PARAM_KEYS } from '../../../tools/train/gru';
import type { JobOutcome } from '../../../tools/train/jobs';

const dir = mkdtempSync(join(tmpdir(), 'deltalab-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkpoints', () => {
  it('round-trip a finished job exactly, and a missing one is null', () => {
    const params = initParams(3, 4, 2, mulberry32(9));
    const epoch = {
      epoch: 1,
      lr: 0.1,
      trainLoss: 1,
      trainAccuracy: 0.5,
      trainOccupancy: 0.2,
      valLoss: 1,
      valAccuracy: 0.5,
      valOccupancy: 0.2,
      seconds: 3,
    };
    const o: JobOutcome = { id: 'dense@x', result: { params, bestEpoch: 1, epochs: [epoch] }, seconds: 12.5 };
    saveOutcome(dir, o);
    const back = loadOutcome(dir, 'dense@x')!;
    expect(back.seconds).toBe(12.5);
    expect(back.result.epochs).toEqual([epoch]);
    for (const k of PARAM_KEYS) {
      expect(back.result.params[k]).toBeInstanceOf(Float64Array);
      expect(Array.from(back.result.params[k])).toEqual(Array.from(params[k]));
    }
    expect(back.result.params.hiddenSize).toBe(4);
    expect(loadOutcome(dir, 'rounded')).toBeNull();
  });
});

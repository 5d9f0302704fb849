import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseSpec } from '../../../tools/train/dataset';
import { FULL } from '../../../tools/train/methods';
import { generateSynthDigits, readSynthDigits, synthConfigs } from '../../../tools/train/synth';
import { synthExamples } from '../../../tools/train/synth-eval';

const hasEspeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('synthesized digits (measurement set)', () => {
  it('draws the same voice settings for the same seed', () => {
    expect(synthConfigs(12, 7)).toEqual(synthConfigs(12, 7));
    expect(synthConfigs(12, 7)).not.toEqual(synthConfigs(12, 8));
    const variants = new Set(synthConfigs(40, 7).map((c) => c.variant));
    expect(variants.has('f1') && variants.has('m1')).toBe(true);
  });

  it.skipIf(!hasEspeak)(
    'makes every digit per voice, reproducibly, and the microphone path finds each word',
    () => {
      const [a, b] = [0, 1].map(() => {
        const d = mkdtempSync(join(tmpdir(), 'deltalab-synth-'));
        dirs.push(d);
        generateSynthDigits(d, 2, 7);
        return d;
      });
      const recs = readSynthDigits(a);
      expect(recs.map((r) => r.id)).toHaveLength(20);
      expect(recs.filter((r) => r.config === 'c00').map((r) => r.digit)).toEqual([
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
      ]);
      for (const r of recs)
        expect(readFileSync(join(a, `${r.id}.wav`)).equals(readFileSync(join(b, `${r.id}.wav`)))).toBe(true);
      const spec = {
        ...baseSpec(FULL),
        mean: Array(FULL.bands).fill(-5),
        std: Array(FULL.bands).fill(3),
      };
      const { examples, about } = synthExamples(a, spec);
      expect(examples).toHaveLength(20);
      expect(about.endpointMisses).toBe(0);
      // The 0.4 s of noise around each word is trimmed away: a digit word lasts under a second.
      for (const e of examples) expect(e.length).toBeLessThan(100);
    },
  );
});

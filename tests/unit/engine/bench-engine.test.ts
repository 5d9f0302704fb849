// The engine benchmark's own logic on tiny shapes: calibration reaches its targets and rows are
// filled from measurements (the timings themselves are not asserted).
import { describe, expect, it } from 'vitest';
import { benchEngine, changingFrames, engineMarkdown } from '../../../tools/bench-engine';

describe('benchEngine', () => {
  it('change probability p makes about p of the inputs change per step', () => {
    const fr = changingFrames(50, 200, 0.3, 1);
    let changed = 0;
    for (let k = 50; k < fr.length; k++) if (fr[k] !== fr[k - 50]) changed++;
    // A fresh code equals the old one 1 time in 64.
    expect(changed / (50 * 199)).toBeCloseTo(0.3 * (63 / 64), 1);
  });

  it('calibrates occupancies and reports measured rows', async () => {
    const rows = await benchEngine({
      shapes: [{ layers: 2, hiddenSize: 16 }],
      targets: [0.5, 0.1],
      inputSize: 8,
      runs: 1,
      runSeconds: 0.002,
    });
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(Math.abs(r.occupancy - r.targetOccupancy)).toBeLessThan(0.05);
      expect(r.occupancyPerLayer).toHaveLength(2);
      expect(r.theoretical).toBeGreaterThan(1);
      expect(r.denseStepsPerSec).toBeGreaterThan(0);
      expect(r.realized).toBeGreaterThan(0);
      expect(r.ceiling).toBeGreaterThan(0);
      // Adding the MAC work can only lower what the fixed work alone allows.
      expect(r.bound).toBeLessThan(r.ceiling);
    }
    expect(rows[1].theoretical).toBeGreaterThan(rows[0].theoretical);
    expect(
      engineMarkdown(rows, 'today')
        .split('\n')
        .filter((l) => l.startsWith('| 2x GRU 8→16')),
    ).toHaveLength(2);
  });
});

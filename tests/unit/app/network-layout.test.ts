import { describe, expect, it } from 'vitest';
import { networkLayout } from '../../../app/canvas/network-layout';

const digits = [{ inputSize: 20, hiddenSize: 96 }];
// 10 px per character: easy to reason about which heading fits.
const perChar = (text: string) => 10 * text.length;

describe('networkLayout headings', () => {
  it('keeps the full headings where the input column has room', () => {
    const l = networkLayout(2000, 300, 200, digits, 12, perChar);
    expect(l.cellLabels.map((c) => c.text)).toEqual(['L1 Δx (20)', 'L1 Δh (96)']);
  });

  it('never lets the Δx heading run into the Δh heading, shortening it as the panel narrows', () => {
    for (let width = 60; width <= 1200; width += 7) {
      const l = networkLayout(width, 300, 200, digits, 16, perChar);
      const [x, h] = l.cellLabels;
      const full = perChar('L1 Δx (20)') + x.x <= h.x - 5;
      // Either the full heading fits before Δh starts, or a shorter one is used.
      if (!full) expect(x.text).not.toBe('L1 Δx (20)');
      if (x.text !== 'Δx') expect(x.x + perChar(x.text)).toBeLessThanOrEqual(h.x - 5);
    }
    expect(networkLayout(420, 300, 200, digits, 16, perChar).cellLabels[0].text).toBe('Δx (20)');
  });
});

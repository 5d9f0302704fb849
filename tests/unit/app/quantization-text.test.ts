// How the page words an ONNX model's activation format: what was chosen, how, and the engine's counts.
import { describe, expect, it } from 'vitest';
import { FORMAT_CHOICES, howText, saturationText } from '../../../app/own-model/quantization-text';
import { packInfo } from './fake-client';

const q25 = { intBits: 2, fracBits: 5 };

describe('quantization text', () => {
  it('says how the format was chosen', () => {
    expect(
      howText({
        choice: 'auto',
        activation: q25,
        source: 'calibrated',
        clipped: 3,
        values: 900,
        calibratedOn: 'x.npy',
      }),
    ).toBe('Q2.5, calibrated on x.npy: 3 of 900 values beyond its range');
    expect(howText({ choice: q25, activation: q25, source: 'chosen' })).toBe('Q2.5, as chosen');
    expect(howText({ choice: 'auto', activation: q25, source: 'file' })).toMatch(/^Q2\.5, the file's own/);
    expect(howText({ choice: 'auto', activation: q25, source: 'default' })).toMatch(/^Q2\.5, the default/);
  });

  it('counts saturation only for real-valued data', () => {
    expect(saturationText({ ...packInfo('p'), quantized: { values: 120, saturated: 4 } })).toBe(
      'samples: 4 of 120 input values saturated',
    );
    expect(saturationText(packInfo('p'))).toBeNull();
    expect(FORMAT_CHOICES.map((f) => f.intBits + f.fracBits)).toEqual(Array(8).fill(7));
  });
});

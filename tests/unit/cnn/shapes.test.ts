// Shape inference, validation errors and the cost per frame.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Cnn,
  type CnnSpec,
  CnnSpecError,
  checkCnn,
  cnnCostPerFrame,
  cnnForwardFixed,
  cnnForwardFloat,
  cnnShapes,
  compileCnn,
  featureCount,
  shapeSize,
} from '../../../src/engine/cnn';
import { cnnSpecArb } from './arbitraries';

const conv = (kernel: number, stride: number, pad: number, channels: number) =>
  ({ kind: 'conv', kernel, stride, pad, channels, relu: true, weightFrac: 6, outFrac: 4 }) as const;

const base = (layers: CnnSpec['layers']): CnnSpec => ({
  width: 64,
  height: 32,
  weightBits: 8,
  accumulatorBits: 32,
  rounding: 'nearest',
  layers,
});

function expectSpecError(spec: CnnSpec, kind: 'dimension' | 'inconsistent', message: RegExp): void {
  try {
    cnnShapes(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(CnnSpecError);
    expect((e as CnnSpecError).kind).toBe(kind);
    expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error('cnnShapes accepted a bad spec');
}

describe('cnn shapes', () => {
  it('infers (H + 2p − k) / s + 1 per side; pooling keeps channels; dense flattens', () => {
    const shapes = cnnShapes(
      base([
        conv(5, 2, 2, 8),
        { kind: 'maxpool', size: 2, stride: 2 },
        conv(3, 2, 0, 4),
        { kind: 'dense', size: 7, relu: false, weightFrac: 6, outFrac: 5 },
      ]),
    );
    expect(shapes).toEqual([
      { channels: 1, height: 32, width: 64 },
      { channels: 8, height: 16, width: 32 },
      { channels: 8, height: 8, width: 16 },
      { channels: 4, height: 3, width: 7 },
      { channels: 7, height: 1, width: 1 },
    ]);
    expect(featureCount(base([conv(3, 2, 1, 2)]))).toBe(2 * 16 * 32);
  });

  it('names the first problem', () => {
    expectSpecError(base([conv(3, 0, 0, 2)]), 'dimension', /layer 0 \(conv\) stride is 0/);
    expectSpecError(base([conv(3, 1, 3, 2)]), 'dimension', /pad is 3, allowed whole numbers 0..2/);
    expectSpecError(base([conv(3, 1, 1, 0)]), 'dimension', /channels is 0/);
    expectSpecError(base([conv(2.5, 1, 0, 2)]), 'dimension', /kernel is 2.5/);
    expectSpecError({ ...base([conv(3, 1, 1, 2)]), height: 0 }, 'dimension', /cnn height is 0/);
    expectSpecError(
      { ...base([conv(3, 1, 1, 2)]), accumulatorBits: 40 },
      'dimension',
      /accumulatorBits is 40/,
    );
    expectSpecError({ ...base([conv(3, 1, 1, 2)]), weightBits: 4 as 8 }, 'dimension', /weightBits is 4/);
    expectSpecError(base([]), 'dimension', /number of cnn layers is 0/);
    expectSpecError(
      { ...base([conv(9, 1, 0, 2)]), height: 4 },
      'inconsistent',
      /does not fit its 4x64 input/,
    );
    expectSpecError(
      base([{ kind: 'maxpool', size: 2, stride: 2 }]),
      'inconsistent',
      /at least one conv or dense/,
    );
    expectSpecError(
      base([{ kind: 'dense', size: 4, relu: true, weightFrac: 6, outFrac: 5 }, conv(1, 1, 0, 2)]),
      'inconsistent',
      /follows a dense layer/,
    );
    expectSpecError(base([{ ...conv(3, 1, 1, 2), outFrac: 8 }]), 'dimension', /outFrac is 8/);
    expectSpecError(base([{ ...conv(3, 1, 1, 2), weightFrac: 9 }]), 'dimension', /weightFrac is 9/);
    expectSpecError(base([conv(1, 1, 0, 1024)]), 'dimension', /has over 1048576 outputs/);
    expectSpecError(base([conv(3, 1, 1, 256), conv(3, 1, 1, 256)]), 'dimension', /MACs a frame/);
    expectSpecError(base([{ kind: 'pool' } as never]), 'inconsistent', /unknown kind 'pool'/);
  });

  it('checks weight arrays, finiteness and frame and output sizes', () => {
    const cnn: Cnn = {
      ...base([]),
      width: 4,
      height: 2,
      layers: [{ ...conv(2, 2, 0, 1), weight: new Float32Array(4), bias: new Float32Array(1) }],
    };
    expect(checkCnn(cnn).map(shapeSize)).toEqual([8, 2]);
    const short = { ...cnn, layers: [{ ...cnn.layers[0], weight: new Float32Array(3) }] } as Cnn;
    expect(() => checkCnn(short)).toThrow(/layer 0 weight: expected 4 values, got 3 values/);
    const nan = { ...cnn, layers: [{ ...cnn.layers[0], bias: Float32Array.from([Number.NaN]) }] } as Cnn;
    expect(() => compileCnn(nan)).toThrow(/bias\[0\] is NaN/);
    expect(() => cnnForwardFloat(cnn, new Uint8Array(7), new Float32Array(2))).toThrow(
      /7 pixels, expected 2x4/,
    );
    expect(() => cnnForwardFloat(cnn, new Uint8Array(8), new Float32Array(3))).toThrow(/room for 3 features/);
    expect(() => cnnForwardFixed(compileCnn(cnn), new Uint8Array(8), new Int8Array(1))).toThrow(/room for 1/);
    expect(() => cnnForwardFixed(compileCnn(cnn), new Uint8Array(9), new Int8Array(2))).toThrow(/9 pixels/);
  });

  it('counts the MACs a plain loop over in-bounds taps performs', () => {
    fc.assert(
      fc.property(cnnSpecArb, (spec) => {
        const shapes = cnnShapes(spec);
        let macs = 0;
        spec.layers.forEach((l, i) => {
          const s = shapes[i];
          const o = shapes[i + 1];
          if (l.kind === 'dense') macs += l.size * shapeSize(s);
          if (l.kind !== 'conv') return;
          for (let oy = 0; oy < o.height; oy++)
            for (let ox = 0; ox < o.width; ox++)
              for (let ky = 0; ky < l.kernel; ky++)
                for (let kx = 0; kx < l.kernel; kx++) {
                  const y = oy * l.stride - l.pad + ky;
                  const x = ox * l.stride - l.pad + kx;
                  if (y >= 0 && y < s.height && x >= 0 && x < s.width) macs += l.channels * s.channels;
                }
        });
        const cost = cnnCostPerFrame(spec);
        expect(cost.macs).toBe(macs);
        const inputs = shapes.slice(0, -1).reduce((a, s) => a + shapeSize(s), 0);
        expect(cost.memoryAccesses).toBe(macs + inputs);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});

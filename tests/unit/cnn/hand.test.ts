// A 2x3 frame through conv(2x2) -> ReLU -> dense(2), worked out by hand in float and in fixed point.
import { describe, expect, it } from 'vitest';
import {
  type Cnn,
  cnnCostPerFrame,
  cnnFeatureSequence,
  cnnForwardFixed,
  cnnForwardFloat,
  compileCnn,
} from '../../../src/engine/cnn';

const frame = Uint8Array.from([128, 192, 64, 0, 255, 128]); // (p - 128) / 128: 0, .5, -.5; -1, 127/128, 0

function tiny(): Cnn {
  return {
    width: 3,
    height: 2,
    weightBits: 8,
    accumulatorBits: 32,
    rounding: 'nearest',
    layers: [
      {
        kind: 'conv',
        kernel: 2,
        stride: 1,
        pad: 0,
        channels: 1,
        relu: true,
        weightFrac: 2,
        outFrac: 4,
        weight: Float32Array.from([1, 0.5, -0.25, 2]),
        bias: Float32Array.from([0.125]),
      },
      {
        kind: 'dense',
        size: 2,
        relu: false,
        weightFrac: 2,
        outFrac: 5,
        weight: Float32Array.from([1, -1, 0.5, 0.25]),
        bias: Float32Array.from([0, -1]),
      },
    ],
  };
}

describe('cnn by hand', () => {
  it('float: conv sums 0·1 + .5·.5 + (−1)(−.25) + (127/128)·2 + .125, then the dense layer', () => {
    // conv: 2.609375 and .5 − .25 − 127/512 + .125 = 0.126953125
    // dense: 2.609375 − 0.126953125 = 2.482421875; 0.5·2.609375 + 0.25·0.126953125 − 1 = 0.33642578125
    const out = new Float32Array(2);
    cnnForwardFloat(tiny(), frame, out);
    expect(Array.from(out)).toEqual([2.482421875, 0.33642578125]);
  });

  it('fixed: codes 0, 64, −64; −128, 127, 0 and weights 4, 2, −1, 8 give features 80, 11 (Q2.5)', () => {
    // conv acc (LSB 2^-9): 64·2 + 128·1 + 127·8 + 64 = 1336 -> 1336/32 = 41.75 -> 42 (Q3.4)
    //                      64·4 − 64·2 − 127 + 64 = 65 -> 2.03 -> 2
    // dense acc (LSB 2^-6): 4·42 − 4·2 = 160 -> 80;  2·42 + 2 − 64 = 22 -> 11
    const c = compileCnn(tiny());
    const out = new Int8Array(2);
    cnnForwardFixed(c, frame, out);
    expect(Array.from(out)).toEqual([80, 11]);
    expect(c.saturations).toEqual({ accumulator: 0, activation: 0 });
    expect(c.weightSaturations).toBe(0);
  });

  it('floor rounding truncates instead', () => {
    const cnn = { ...tiny(), rounding: 'floor' as const };
    const out = new Int8Array(2);
    cnnForwardFixed(compileCnn(cnn), frame, out);
    // conv 41.75 -> 41, 2.03 -> 2; dense 4·41 − 8 = 156 -> 78; 82 + 2 − 64 = 20 -> 10
    expect(Array.from(out)).toEqual([78, 10]);
  });

  it('costs: 2 outputs x 4 taps + 2 x 2 dense MACs; memory = MACs + inputs read', () => {
    const cost = cnnCostPerFrame(tiny());
    expect(cost.macs).toBe(12);
    expect(cost.memoryAccesses).toBe(12 + 6 + 2);
    expect(cost.parameters).toBe(5 + 6);
  });

  it('counts saturation: a large bias clamps the int8 output, a narrow accumulator clamps the sum', () => {
    const big = tiny();
    (big.layers[1] as { bias: Float32Array }).bias = Float32Array.from([10, -10]);
    const c = compileCnn(big);
    const out = new Int8Array(2);
    cnnForwardFixed(c, frame, out);
    expect(Array.from(out)).toEqual([127, -128]);
    expect(c.saturations.activation).toBe(2);
    cnnForwardFixed(c, frame, out);
    expect(c.saturations.activation).toBe(4);

    const narrow = { ...tiny(), accumulatorBits: 16 };
    // bias 63·512 = 32256 fits in 16 bits; plus 1272 at (0,0) it does not, plus 1 at (0,1) it does.
    (narrow.layers[0] as { bias: Float32Array }).bias = Float32Array.from([63]);
    const n = compileCnn(narrow);
    expect(n.weightSaturations).toBe(0);
    cnnForwardFixed(n, frame, out);
    expect(n.saturations.accumulator).toBe(1);
    (narrow.layers[0] as { bias: Float32Array }).bias = Float32Array.from([64]); // 32768: clamped itself
    expect(compileCnn(narrow).weightSaturations).toBe(1);
  });

  it('a clip of frames gives the frame-major feature sequence', () => {
    const clip = new Uint8Array(18);
    clip.set(frame, 0);
    // An all-grey frame: both conv sums are the bias 64 -> 2 (Q3.4); dense 8 − 8 = 0, 4 + 2 − 64 = −58 -> −29.
    clip.fill(128, 6, 12);
    clip.set(frame, 12);
    const c = compileCnn(tiny());
    expect(Array.from(cnnFeatureSequence(c, clip))).toEqual([80, 11, 0, -29, 80, 11]);
    expect(() => cnnFeatureSequence(c, new Uint8Array(7))).toThrow(/not whole 2x3 frames/);
  });
});

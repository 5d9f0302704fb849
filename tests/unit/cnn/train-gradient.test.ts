// The trainer's hand-written backpropagation against central finite differences, on small random
// networks with every layer kind, and its forward against the engine's float forward.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnnForwardFloat } from '../../../src/engine/cnn';
import { mulberry32 } from '../../../src/engine/random';
import { netToFloatCnn } from '../../../tools/train/driving/cnn-export';
import {
  backward,
  type CnnArch,
  forward,
  gradArrays,
  initNet,
  newBackScratch,
  newTape,
  paramArrays,
  zeroGrads,
} from '../../../tools/train/driving/cnn-net';

const archArb: fc.Arbitrary<CnnArch> = fc
  .record({
    width: fc.integer({ min: 6, max: 10 }),
    height: fc.integer({ min: 5, max: 8 }),
    k1: fc.integer({ min: 2, max: 3 }),
    s1: fc.integer({ min: 1, max: 2 }),
    c1: fc.integer({ min: 1, max: 3 }),
    pool: fc.boolean(),
    c2: fc.integer({ min: 1, max: 3 }),
    dense: fc.integer({ min: 1, max: 4 }),
  })
  .map((r) => ({
    width: r.width,
    height: r.height,
    layers: [
      { kind: 'conv' as const, kernel: r.k1, stride: r.s1, pad: 1, channels: r.c1 },
      ...(r.pool ? [{ kind: 'maxpool' as const, size: 2, stride: 1 }] : []),
      { kind: 'conv' as const, kernel: 2, stride: 1, pad: 0, channels: r.c2 },
      { kind: 'dense' as const, size: r.dense },
    ],
  }));

describe('cnn trainer gradients', () => {
  it('match central finite differences of 0.5 (y − t)^2 for every parameter', () => {
    fc.assert(
      fc.property(archArb, fc.integer({ min: 1, max: 1e6 }), fc.boolean(), (arch, seed, mirror) => {
        const rng = mulberry32(seed);
        const net = initNet(arch, rng);
        for (const p of paramArrays(net)) for (let i = 0; i < p.length; i++) p[i] += 0.05 * (rng() - 0.5);
        const frames = Uint8Array.from({ length: arch.width * arch.height }, () => Math.floor(rng() * 256));
        const target = 0.3;
        const tape = newTape(net);
        const loss = () => 0.5 * (forward(net, frames, 0, mirror, tape) - target) ** 2;
        const grads = zeroGrads(net);
        const y = forward(net, frames, 0, mirror, tape);
        backward(net, tape, y - target, grads, newBackScratch(net));
        const params = paramArrays(net);
        const gs = gradArrays(grads);
        const eps = 1e-6;
        let worst = 0;
        params.forEach((p, k) => {
          for (let i = 0; i < p.length; i++) {
            const keep = p[i];
            p[i] = keep + eps;
            const up = loss();
            p[i] = keep - eps;
            const down = loss();
            p[i] = keep;
            const numeric = (up - down) / (2 * eps);
            worst = Math.max(
              worst,
              Math.abs(numeric - gs[k][i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(gs[k][i])),
            );
          }
        });
        expect(worst).toBeLessThan(1e-4);
      }),
      { seed: 17, numRuns: 40 },
    );
  });

  it('its forward pass is the engine float forward plus the head', () => {
    fc.assert(
      fc.property(archArb, fc.integer({ min: 1, max: 1e6 }), (arch, seed) => {
        const rng = mulberry32(seed);
        const net = initNet(arch, rng);
        for (const p of paramArrays(net))
          for (let i = 0; i < p.length; i++) p[i] = Math.fround(p[i] + 0.05 * (rng() - 0.5));
        const frame = Uint8Array.from({ length: arch.width * arch.height }, () => Math.floor(rng() * 256));
        const tape = newTape(net);
        const y = forward(net, frame, 0, false, tape);
        const feats = new Float32Array(net.head.length);
        cnnForwardFloat(netToFloatCnn(net), frame, feats);
        let y2 = net.headBias[0];
        for (let k = 0; k < feats.length; k++) y2 += net.head[k] * feats[k];
        expect(Math.abs(y - y2)).toBeLessThan(1e-5 * (1 + Math.abs(y)));
      }),
      { seed: 4, numRuns: 60 },
    );
  });
});

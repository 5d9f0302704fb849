// Streaming (incremental) features equal whole-file features on the same samples: the resampler,
// the log-mel energies, the one-pole normalisation and the codes, however the signal is cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamResampler, resample } from '../../../src/data/resample';
import {
  type LogMelSpec,
  logMelCodes,
  logMelEnergies,
  RUNNING_MEAN_ANCHORS,
} from '../../../src/engine/features/logmel';
import { createCodeStream, createLogMelEnergyStream } from '../../../src/engine/features/logmel-stream';

const spec = (over: Partial<LogMelSpec> = {}): LogMelSpec => ({
  kind: 'logmel',
  sampleRate: 8000,
  windowLength: 200,
  hop: 80,
  fftSize: 256,
  bands: 20,
  fmin: 50,
  fmax: 4000,
  logFloor: 1e-4,
  mean: Array.from({ length: 20 }, (_, b) => -5 + b * 0.1),
  std: Array.from({ length: 20 }, (_, b) => 2 + b * 0.05),
  scale: 1.3,
  smoothing: 0.6,
  activation: { intBits: 3, fracBits: 4 },
  ...over,
});

/** A random signal and random cut points into it. */
const signalAndCuts = (maxLength: number) =>
  fc
    .tuple(
      fc.float32Array({ minLength: 0, maxLength, noNaN: true, noDefaultInfinity: true, min: -1, max: 1 }),
      fc.array(fc.nat(700), { minLength: 1, maxLength: 12 }),
    )
    .map(([x, sizes]) => ({ x, sizes }));

function pieces(x: Float32Array, sizes: number[]): Float32Array[] {
  const out: Float32Array[] = [];
  let at = 0;
  for (let k = 0; at < x.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    out.push(x.subarray(at, at + n));
    at += n;
  }
  return out;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('streaming resampler', () => {
  it('equals resample() of the whole signal bit for bit, for any cut and rate', () => {
    fc.assert(
      fc.property(
        signalAndCuts(3000),
        fc.constantFrom(11025, 16000, 22050, 44100, 48000),
        ({ x, sizes }, rate) => {
          const rs = createStreamResampler(rate, 8000);
          const parts = pieces(x, sizes).map((p) => rs.push(p));
          parts.push(rs.flush());
          expect(Array.from(concat(parts))).toEqual(Array.from(resample(x, rate, 8000)));
        },
      ),
      { seed: 10, numRuns: 60 },
    );
  });

  it('keeps only the input under the kernel (memory does not grow with the recording)', () => {
    const rs = createStreamResampler(48000, 8000);
    let out = 0;
    for (let k = 0; k < 200; k++) out += rs.push(new Float32Array(4800).fill(0.1)).length;
    // 20 s in, 20 s out less the kernel's reach into the future.
    expect(out).toBeGreaterThan(159_900);
    expect(out + rs.flush().length).toBe(160_000);
  });
});

describe('streaming log-mel features', () => {
  it('give the codes logMelCodes gives for the whole signal, for any cut', () => {
    fc.assert(
      fc.property(signalAndCuts(4000), ({ x, sizes }) => {
        const s = spec();
        const es = createLogMelEnergyStream(s);
        const cs = createCodeStream(s);
        const codes: number[] = [];
        const energies: number[] = [];
        for (const p of [...pieces(x, sizes), null]) {
          const r = p ? es.push(p) : es.flush();
          energies.push(...r.energies);
          codes.push(...cs.push(r.energies));
        }
        expect(energies).toEqual(Array.from(logMelEnergies(x, s)));
        expect(codes).toEqual(Array.from(logMelCodes(x, s).frames));
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('with a causal running mean too (fixed or anchored start): streamed codes equal the whole-file codes, for any cut', () => {
    fc.assert(
      fc.property(
        signalAndCuts(4000),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.array(fc.double({ min: -12, max: 0, noNaN: true }), { minLength: 20, maxLength: 20 }),
        fc.constantFrom(undefined, ...RUNNING_MEAN_ANCHORS),
        ({ x, sizes }, decay, initial, anchor) => {
          const s = spec({ runningMean: { decay, initial, ...(anchor ? { anchor } : {}) } });
          const es = createLogMelEnergyStream(s);
          const cs = createCodeStream(s);
          const codes: number[] = [];
          for (const p of [...pieces(x, sizes), null])
            codes.push(...cs.push((p ? es.push(p) : es.flush()).energies));
          expect(codes).toEqual(Array.from(logMelCodes(x, s).frames));
        },
      ),
      { seed: 12, numRuns: 60 },
    );
  });

  it('a 48 kHz microphone stream equals the whole file: resampled, then features', () => {
    const s = spec();
    const x = Float32Array.from({ length: 48000 }, (_, i) => 0.3 * Math.sin(i / 7) * Math.sin(i / 3000));
    const rs = createStreamResampler(48000, 8000);
    const es = createLogMelEnergyStream(s);
    const cs = createCodeStream(s);
    const codes: number[] = [];
    for (let at = 0; at <= x.length; at += 128) {
      const r8 = at < x.length ? rs.push(x.subarray(at, at + 128)) : rs.flush();
      codes.push(...cs.push(es.push(r8).energies));
    }
    codes.push(...cs.push(es.flush().energies));
    expect(codes).toEqual(Array.from(logMelCodes(resample(x, 48000, 8000), s).frames));
  });

  it("reports the RMS level of each frame's first hop in dBFS", () => {
    const s = spec();
    const es = createLogMelEnergyStream(s);
    const x = new Float32Array(200 + 80).fill(0.5);
    x.fill(0.05, 80);
    const r = es.push(x);
    expect(r.levels.length).toBe(2);
    expect(r.levels[0]).toBeCloseTo(20 * Math.log10(0.5), 6);
    expect(r.levels[1]).toBeCloseTo(20 * Math.log10(0.05), 6);
  });
});

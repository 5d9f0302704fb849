// Band-limited resampling by windowed-sinc interpolation (Smith's bandlimited interpolation), written
// here because the library choices do not fit: wavefile's sinc resampler took 120 ms per second of
// 48 kHz audio and runs a whole file in one call (no slices, no streaming); libsamplerate-js is fast
// but asynchronous and 2 MB of inline WASM. This one costs a few ms per second of audio and computes
// any range of output samples on its own, so a worker can run a long file in short slices.

/** Zero crossings of the sinc on each side of the centre, at the lower of the two rates. */
const ZERO_CROSSINGS = 16;
/** Table entries per zero crossing; linear interpolation between them. */
const RESOLUTION = 512;
/** Kaiser window shape: about 80 dB stop-band attenuation. */
const KAISER_BETA = 8;
/** Cut-off as a fraction of the lower Nyquist frequency, leaving room for the transition band. */
const CUTOFF = 0.92;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

let table: Float64Array | undefined;

/** Kaiser-windowed sinc on [0, ZERO_CROSSINGS], sampled RESOLUTION times per unit (one extra entry). */
function kernel(): Float64Array {
  if (table) return table;
  const n = ZERO_CROSSINGS * RESOLUTION;
  table = new Float64Array(n + 2);
  const norm = besselI0(KAISER_BETA);
  for (let i = 0; i <= n; i++) {
    const u = i / RESOLUTION;
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    const r = u / ZERO_CROSSINGS;
    table[i] = (sinc * besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r)))) / norm;
  }
  return table;
}

export interface Resampler {
  readonly outputLength: number;
  /** Writes output samples [from, to) into out[from..to). */
  run(from: number, to: number, out: Float32Array): void;
}

/** Output samples for n input samples: n · to / from, rounded. */
export function resampledLength(n: number, fromRate: number, toRate: number): number {
  return Math.round((n * toRate) / fromRate);
}

/** A resampler over a whole input signal; samples outside it count as zero. */
export function createResampler(input: Float32Array, fromRate: number, toRate: number): Resampler {
  const k = kernel();
  const step = fromRate / toRate;
  // In input samples: the kernel's zero crossings are 1/fc apart.
  const fc = CUTOFF * Math.min(1, toRate / fromRate);
  const halfWidth = ZERO_CROSSINGS / fc;
  const scale = fc * RESOLUTION;
  const last = ZERO_CROSSINGS * RESOLUTION;
  const n = input.length;
  return {
    outputLength: resampledLength(n, fromRate, toRate),
    run(from, to, out) {
      for (let j = from; j < to; j++) {
        const t = j * step;
        const lo = Math.max(0, Math.ceil(t - halfWidth));
        const hi = Math.min(n - 1, Math.floor(t + halfWidth));
        let acc = 0;
        for (let i = lo; i <= hi; i++) {
          const pos = Math.abs(t - i) * scale;
          const p = Math.floor(pos);
          if (p >= last) continue;
          const frac = pos - p;
          acc += input[i] * (k[p] + frac * (k[p + 1] - k[p]));
        }
        out[j] = acc * fc;
      }
    },
  };
}

/** Resamples a whole signal (a copy when the rates are equal). */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples.slice();
  const r = createResampler(samples, fromRate, toRate);
  const out = new Float32Array(r.outputLength);
  r.run(0, r.outputLength, out);
  return out;
}

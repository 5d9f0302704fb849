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

/** The kernel's constants for one pair of rates (in input samples: zero crossings are 1/fc apart). */
function geometry(fromRate: number, toRate: number) {
  const fc = CUTOFF * Math.min(1, toRate / fromRate);
  return { step: fromRate / toRate, fc, halfWidth: ZERO_CROSSINGS / fc, scale: fc * RESOLUTION };
}

/**
 * Output sample at input position t over input samples [0, n), where input sample i is read at
 * buf[i - base]. The whole-signal and the streaming resampler share it, so they agree bit for bit.
 */
function sampleAt(
  buf: Float32Array,
  base: number,
  n: number,
  t: number,
  g: ReturnType<typeof geometry>,
): number {
  const k = kernel();
  const last = ZERO_CROSSINGS * RESOLUTION;
  const lo = Math.max(0, Math.ceil(t - g.halfWidth));
  const hi = Math.min(n - 1, Math.floor(t + g.halfWidth));
  let acc = 0;
  for (let i = lo; i <= hi; i++) {
    const pos = Math.abs(t - i) * g.scale;
    const p = Math.floor(pos);
    if (p >= last) continue;
    const frac = pos - p;
    acc += buf[i - base] * (k[p] + frac * (k[p + 1] - k[p]));
  }
  return acc * g.fc;
}

/** A resampler over a whole input signal; samples outside it count as zero. */
export function createResampler(input: Float32Array, fromRate: number, toRate: number): Resampler {
  const g = geometry(fromRate, toRate);
  const n = input.length;
  return {
    outputLength: resampledLength(n, fromRate, toRate),
    run(from, to, out) {
      for (let j = from; j < to; j++) out[j] = sampleAt(input, 0, n, j * g.step, g);
    },
  };
}

export interface StreamResampler {
  /** Takes the next input samples; returns the output samples that are now fully known. */
  push(input: Float32Array): Float32Array;
  /** The end of the input: the rest of the output, as createResampler computes it for the whole input. */
  flush(): Float32Array;
}

/**
 * The same resampler on a signal that arrives in pieces (a microphone): an output sample is written
 * once every input sample under its kernel has arrived, so the concatenated outputs equal
 * resample() of the concatenated input exactly. Only the input still under the kernel is kept.
 */
export function createStreamResampler(fromRate: number, toRate: number): StreamResampler {
  const g = geometry(fromRate, toRate);
  let buf = new Float32Array(0);
  let base = 0; // input index of buf[0]
  let received = 0;
  let next = 0; // next output index
  const emit = (n: number, upTo: number) => {
    const out = new Float32Array(Math.max(0, upTo - next));
    for (let j = 0; j < out.length; j++) out[j] = sampleAt(buf, base, n, (next + j) * g.step, g);
    next += out.length;
    // Keep what the next output sample's kernel can still reach.
    const keep = Math.max(base, Math.min(received, Math.ceil(next * g.step - g.halfWidth)));
    buf = buf.slice(keep - base);
    base = keep;
    return out;
  };
  return {
    push(input) {
      if (fromRate === toRate) return input.slice();
      const grown = new Float32Array(buf.length + input.length);
      grown.set(buf);
      grown.set(input, buf.length);
      buf = grown;
      received += input.length;
      // Output j is complete once floor(j·step + halfWidth) < received.
      const upTo = Math.max(next, Math.ceil((received - 1 - g.halfWidth) / g.step));
      let ready = upTo;
      while (ready > next && Math.floor((ready - 1) * g.step + g.halfWidth) > received - 1) ready--;
      while (Math.floor(ready * g.step + g.halfWidth) <= received - 1) ready++;
      return emit(received, ready);
    },
    flush() {
      if (fromRate === toRate) return new Float32Array(0);
      return emit(received, resampledLength(received, fromRate, toRate));
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

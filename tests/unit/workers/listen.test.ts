// Always-on listening in a worker: a session fed a recording's codes gives what the engine's listener
// gives on them; a microphone session (48 kHz pieces, no endpointing) makes the whole-file codes of
// what it heard and runs them the same way; models without a CTC blank and bad calls are refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resample } from '../../../src/data/resample';
import { compileModel } from '../../../src/engine/compile';
import { logMelCodes } from '../../../src/engine/features/logmel';
import { parseLogMelSpec } from '../../../src/engine/features/spec';
import { readModelFile } from '../../../src/engine/onnx';
import { randomModel } from '../../../src/engine/random-model';
import { createListener } from '../../../src/engine/transcribe';
import type { Model } from '../../../src/engine/types';
import { toEngineErrorInfo } from '../../../src/workers/errors';
import { ListenService } from '../../../src/workers/listen-service';

const DIGITS = new URL('../../../public/models/digits-delta.dlm', import.meta.url);
const features = readModelFile(new Uint8Array(readFileSync(DIGITS))).features;
const spec = parseLogMelSpec(features);
const th = { thetaX: [1, 1], thetaH: [1, 1] };

function ctcModel(): Model {
  const m = randomModel({ inputSize: spec.bands, hiddenSizes: [16, 12], outputs: 11, seed: 5, gain: 2 });
  const classNames = [...'0123456789'.split(''), 'blank'];
  return {
    ...m,
    features,
    outputAt: 'every',
    task: { kind: 'classification', classNames, ctc: { blank: 10 } },
  };
}

function service(model: Model = ctcModel()) {
  const cm = compileModel(model, 'fixed');
  return {
    cm,
    s: new ListenService({ model: () => model, compiled: () => cm, audioSpec: () => spec }),
  };
}

function info(f: () => unknown) {
  try {
    f();
  } catch (error) {
    return toEngineErrorInfo(error);
  }
  throw new Error('expected an error');
}

/** A vowel-like tone with a rising and falling envelope, at 8 kHz. */
const word = (n: number) =>
  Float32Array.from(
    { length: n },
    (_, i) => 0.3 * Math.sin(Math.PI * (i / n)) * Math.sin(i * 0.31) * Math.sin(i * 0.05),
  );

describe('ListenService', () => {
  it('runs a recording sent as codes in pieces, as the listener does', () => {
    const { cm, s } = service();
    const codes = logMelCodes(word(8000), spec);
    expect(s.start({ sessionId: 'a', modelId: 'm', thresholds: th, mode: 'fixed' })).toEqual({
      framesPerSecond: spec.sampleRate / spec.hop,
    });
    const ref = createListener(cm, th, { blank: 10, framesPerSecond: spec.sampleRate / spec.hop });
    const I = spec.bands;
    for (let at = 0; at < codes.length; at += 7) {
      const n = Math.min(7, codes.length - at);
      const r = s.frames('a', codes.frames.slice(at * I, (at + n) * I), n);
      const want = ref.push(codes.frames.subarray(at * I, (at + n) * I), n);
      expect(r.emitted).toEqual(want.emitted);
      expect(r.deltaRate).toEqual(want.deltaRate);
      expect(r.denseOps).toEqual(want.denseOps);
      expect(r.totals).toEqual(ref.totals());
      expect(r.level).toBe(Number.NEGATIVE_INFINITY);
    }
  });

  it('makes the whole-file codes of microphone samples and never stops on its own', () => {
    const { cm, s } = service();
    const at8 = new Float32Array(4000 + 4800 + 8000);
    at8.set(word(4800), 4000);
    const mic = resample(at8, 8000, 48000);
    s.start({ sessionId: 'm', modelId: 'm', thresholds: th, mode: 'fixed', sampleRate: 48000 });
    const got: number[] = [];
    const emitted: number[] = [];
    let loud = Number.NEGATIVE_INFINITY;
    for (let at = 0; at < mic.length; at += 2048) {
      const r = s.samples('m', mic.slice(at, at + 2048));
      got.push(...r.codes);
      emitted.push(...r.emitted);
      loud = Math.max(loud, r.level);
    }
    const whole = logMelCodes(resample(mic, 48000, 8000), spec);
    const n = got.length / spec.bands;
    expect(n).toBeGreaterThan(whole.length - 5);
    expect(got).toEqual(Array.from(whole.frames.subarray(0, got.length)));
    expect(loud).toBeGreaterThan(-40);
    const ref = createListener(cm, th, { blank: 10, framesPerSecond: spec.sampleRate / spec.hop });
    expect(emitted).toEqual(Array.from(ref.push(Int8Array.from(got), n).emitted));
  });

  it('refuses a model without a CTC blank, samples for a frames session, and unknown sessions', () => {
    const plain = randomModel({ inputSize: spec.bands, hiddenSizes: [4], outputs: 10, seed: 1 });
    const { s: p } = service({ ...plain, features });
    expect(
      info(() => p.start({ sessionId: 'x', modelId: 'm', thresholds: th, mode: 'fixed' })),
    ).toMatchObject({
      kind: 'format',
    });
    const { s } = service();
    s.start({ sessionId: 'a', modelId: 'm', thresholds: th, mode: 'fixed' });
    expect(info(() => s.samples('a', new Float32Array(10)))).toMatchObject({ kind: 'format' });
    expect(info(() => s.frames('a', new Int8Array(3), 1))).toMatchObject({ kind: 'format' });
    expect(info(() => s.frames('a', new Int8Array(0), 1001))).toMatchObject({ kind: 'format' });
    expect(
      info(() => s.start({ sessionId: 'b', modelId: 'm', thresholds: th, mode: 'fixed', sampleRate: 100 })),
    ).toMatchObject({ kind: 'format' });
    s.stop('a');
    expect(info(() => s.frames('a', new Int8Array(0), 0))).toMatchObject({ kind: 'not-found' });
  });
});

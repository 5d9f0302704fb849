// Recordings through the worker's service: traceFrames equals a pack trace of the same codes, and a
// microphone session (pieces at 48 kHz, a word in silence) gives the whole-file features of the word,
// trimmed by the endpoint gate, while the person speaks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resample } from '../../../src/data/resample';
import { decodeWav } from '../../../src/data/wav';
import { logMelCodes } from '../../../src/engine/features/logmel';
import { parseLogMelSpec } from '../../../src/engine/features/spec';
import { readModelFile } from '../../../src/engine/onnx';
import { EngineService } from '../../../src/workers/engine-service';
import { toEngineErrorInfo } from '../../../src/workers/errors';

const DIGITS = new URL('../../../public/models/digits-delta.dlm', import.meta.url);
const bytes = () => new Uint8Array(readFileSync(DIGITS)).buffer;
const spec = parseLogMelSpec(readModelFile(new Uint8Array(bytes())).features);
const th = { thetaX: [0], thetaH: [0] };

/** A word: a vowel-like tone with a rising and falling envelope, at 8 kHz. */
const word = (n: number) =>
  Float32Array.from(
    { length: n },
    (_, i) => 0.3 * Math.sin(Math.PI * (i / n)) * Math.sin(i * 0.31) * Math.sin(i * 0.05),
  );

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    return toEngineErrorInfo(error);
  }
  throw new Error('expected a rejection');
}

async function service() {
  const s = new EngineService();
  await s.loadModel('digits', bytes());
  return s;
}

describe('traceFrames', () => {
  it('runs a WAV recording as a sample, with figures', async () => {
    const s = await service();
    const x = word(6000);
    const f = await s.wavFeatures(1, 'digits', encode(x, 8000));
    expect(f.silent).toBe(false);
    const r = await s.traceFrames({
      modelId: 'digits',
      frames: f.frames,
      length: f.length,
      thresholds: th,
      mode: 'fixed',
    });
    expect(r.trace?.steps).toBe(f.length);
    expect(r.figures?.speedup).toBeGreaterThan(0);
    // The same reply as a pack item's trace: per-step costs too.
    expect(r.stepCosts?.deltaMacsSoFar.length).toBe(f.length);
    expect(r.probs.length).toBe(10);
  });

  it('refuses frames that do not fit the model, and recordings over the limit', async () => {
    const s = await service();
    const req = { modelId: 'digits', thresholds: th, mode: 'fixed' as const };
    expect(await rejection(s.traceFrames({ ...req, frames: new Int8Array(7), length: 1 }))).toMatchObject({
      kind: 'format',
    });
    const n = spec.bands * 3001;
    expect(await rejection(s.traceFrames({ ...req, frames: new Int8Array(n), length: 3001 }))).toMatchObject({
      kind: 'format',
      message: expect.stringMatching(/^too long/),
    });
  });

  it('says a silent WAV is silent', async () => {
    const s = await service();
    const hiss = Float32Array.from({ length: 8000 }, (_, i) => 5e-4 * Math.sin(i));
    expect((await s.wavFeatures(2, 'digits', encode(hiss, 8000))).silent).toBe(true);
    expect(
      (
        await s.wavFeatures(
          3,
          'digits',
          encode(
            hiss.map((v) => v * 4),
            8000,
          ),
        )
      ).silent,
    ).toBe(false);
  });
});

describe('a microphone session', () => {
  it('streams the codes of the word as it is spoken, equal to the whole-file features of the word', async () => {
    const s = await service();
    const w = word(4800);
    // 0.5 s of silence, the word, 0.6 s of silence, at 8 kHz; the microphone runs at 48 kHz.
    const at8 = new Float32Array(4000 + w.length + 4800);
    at8.set(w, 4000);
    const mic = resample(at8, 8000, 48000);
    await s.voiceStart({ sessionId: 'v', modelId: 'digits', sampleRate: 48000 });
    const states = new Set<string>();
    let streamed = 0;
    let speechFramesWhileSpeaking = 0;
    for (let at = 0; at < mic.length; at += 2048) {
      const b = await s.voicePush('v', mic.slice(at, at + 2048));
      states.add(b.state);
      streamed += b.frames.length / spec.bands;
      expect(b.length).toBe(streamed);
      if (at < (4000 + w.length) * 6) speechFramesWhileSpeaking = streamed;
    }
    expect([...states]).toEqual(['waiting', 'speech', 'ended']);
    // Frames reached the page before the word was over.
    expect(speechFramesWhileSpeaking).toBeGreaterThan(20);
    const rec = await s.voiceStop('v');
    // The gate cut the word out of the silence: about 60 frames of the 150 recorded.
    expect(rec.length).toBeGreaterThan(50);
    expect(rec.length).toBeLessThan(75);
    // Its codes are the whole-file codes of the trimmed samples that were saved with it.
    const saved = decodeWav(new Uint8Array(rec.wav));
    expect(saved.sampleRate).toBe(8000);
    // Where the trimmed word starts: at a frame boundary of the whole recording at 8 kHz.
    const full = resample(mic, 48000, 8000);
    const hop = spec.hop;
    let s0 = -1;
    for (let k = 0; k * hop + saved.samples.length <= full.length && s0 < 0; k++) {
      let same = true;
      for (let i = 0; i < saved.samples.length && same; i += 7)
        same = Math.abs(full[k * hop + i] - saved.samples[i]) < 1e-4;
      if (same) s0 = k * hop;
    }
    expect(s0).toBeGreaterThan(3000);
    const whole = logMelCodes(full.subarray(s0, s0 + saved.samples.length), spec);
    expect(whole.length).toBe(rec.length);
    expect(Array.from(rec.frames)).toEqual(Array.from(whole.frames));
    const again = await s.wavFeatures(3, 'digits', rec.wav.slice(0));
    expect(again.length).toBe(rec.length);
    // 16-bit rounding of the saved file moves few codes, by one step at most.
    let moved = 0;
    for (let i = 0; i < rec.frames.length; i++) {
      expect(Math.abs(again.frames[i] - rec.frames[i])).toBeLessThanOrEqual(1);
      if (again.frames[i] !== rec.frames[i]) moved++;
    }
    expect(moved / rec.frames.length).toBeLessThan(0.05);
  });

  it('cuts a word that goes on past 10 s there, and says so', async () => {
    const s = await service();
    await s.voiceStart({ sessionId: 'v', modelId: 'digits', sampleRate: 8000 });
    await s.voicePush('v', new Float32Array(4000));
    const hum = Float32Array.from({ length: 8000 }, (_, i) => 0.2 * Math.sin(i * 0.3));
    let state = '';
    for (let k = 0; k < 12; k++) state = (await s.voicePush('v', hum)).state;
    expect(state).toBe('ended');
    const rec = await s.voiceStop('v');
    expect(rec.cut).toBe(true);
    expect(rec.length).toBe(1000);
    expect(rec.seconds).toBeCloseTo((999 * spec.hop + spec.windowLength) / 8000, 6);
  });

  it('says silence only when no speech came, and refuses an unknown session', async () => {
    const s = await service();
    await s.voiceStart({ sessionId: 'v', modelId: 'digits', sampleRate: 44100 });
    await s.voicePush('v', new Float32Array(44100));
    expect(await rejection(s.voiceStop('v'))).toMatchObject({
      kind: 'format',
      message: expect.stringMatching(/^silence only/),
    });
    expect(await rejection(s.voicePush('v', new Float32Array(10)))).toMatchObject({ kind: 'not-found' });
  });
});

function encode(x: Float32Array, rate: number): ArrayBuffer {
  const out = new Uint8Array(44 + x.length * 4);
  const v = new DataView(out.buffer);
  const tag = (at: number, t: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = t.charCodeAt(i);
  };
  tag(0, 'RIFF');
  v.setUint32(4, 36 + x.length * 4, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 3, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 4, true);
  v.setUint16(32, 4, true);
  v.setUint16(34, 32, true);
  tag(36, 'data');
  v.setUint32(40, x.length * 4, true);
  for (let i = 0; i < x.length; i++) v.setFloat32(44 + 4 * i, x[i], true);
  return out.buffer;
}

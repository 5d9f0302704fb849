// The synthesized digits (tools/train/synth.ts) as the microphone path hears them: each recording is
// streamed at its own rate through a worker's voice session (resampled, features frame by frame,
// endpointed), so the measurement covers the path a person's voice takes, not only the model.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resample } from '../../src/data/resample';
import { type LogMelSpec, logMelCodes } from '../../src/engine/features/logmel';
import { VoiceSession } from '../../src/workers/voice-session';
import type { Example } from './dataset';
import { readSynthDigits, type SynthRecording } from './synth';

/** One recording's codes as the microphone path computes them (streamed in 2048-sample chunks). */
export function voicePathCodes(
  r: SynthRecording,
  spec: LogMelSpec,
): { codes: Int8Array; endpointed: boolean } {
  const session = new VoiceSession(spec, r.sampleRate);
  for (let at = 0; at < r.samples.length; at += 2048) session.push(r.samples.subarray(at, at + 2048));
  try {
    return { codes: session.stop().frames, endpointed: true };
  } catch {
    // The gate heard no word: score the whole recording instead.
    return {
      codes: logMelCodes(resample(r.samples, r.sampleRate, spec.sampleRate), spec).frames,
      endpointed: false,
    };
  }
}

export function synthExamples(dir: string, spec: LogMelSpec) {
  const meta = JSON.parse(readFileSync(join(dir, 'configs.json'), 'utf8'));
  const step = 2 ** -spec.activation.fracBits;
  let endpointMisses = 0;
  const examples: Example[] = readSynthDigits(dir).map((r) => {
    const file = { id: r.id, path: '', digit: r.digit, speaker: r.config, take: 0 };
    const { codes, endpointed } = voicePathCodes(r, spec);
    if (!endpointed) endpointMisses++;
    return { file, codes, x: Float32Array.from(codes, (c) => c * step), length: codes.length / spec.bands };
  });
  return {
    examples,
    about: {
      generator: meta.espeak as string,
      seed: meta.seed as number,
      voices: (meta.configs as unknown[]).length,
      path: 'microphone path (voice session: resampled, streamed, endpointed)',
      endpointMisses,
    },
  };
}

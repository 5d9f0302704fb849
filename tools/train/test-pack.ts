// Writes the shipped digits test pack (its frames and each item's recording), and rewrites an existing
// one with the recordings without training (npm run train:digits -- --pack-only).
import { readFileSync, writeFileSync } from 'node:fs';
import { type LogMelSpec, logMelCodes } from '../../src/engine/features/logmel';
import { decodePack, encodePack } from '../../src/engine/format/index';
import type { SamplePack } from '../../src/engine/types';
import { type FsddFile, listFsdd, readMono } from './fsdd';
import { withRecordings } from './pack-audio';

export const TEST_PACK_NOTES =
  'Official FSDD test split (takes 0-4): quantized log-mel codes, and each recording as 8 kHz 4-bit IMA ADPCM.';

/** The pack with the recordings of `files`, written to `path`; returns the bytes written. */
export function writeTestPack(
  path: string,
  pack: SamplePack,
  files: FsddFile[],
  spec: LogMelSpec,
): Uint8Array {
  const bytes = encodePack(withRecordings(pack, files, spec));
  writeFileSync(path, bytes);
  return bytes;
}

/**
 * Rewrites the pack at `path` with the recordings under `data`: frames, items and features stay as
 * they are. Each item's codes are first recomputed from its recording with the pack's own feature
 * spec, so the audio written is the audio the frames came from.
 */
export function repackTestPack(data: string, path: string, log: (line: string) => void): void {
  const before = new Uint8Array(readFileSync(path));
  const old = decodePack(before);
  const spec = old.features as unknown as LogMelSpec;
  const byId = new Map(listFsdd(data).map((f) => [f.id, f]));
  const files = old.items.map((it) => {
    const f = byId.get(it.id);
    if (!f) throw new Error(`${it.id}: no such recording under ${data}`);
    const codes = logMelCodes(readMono(f, spec.sampleRate), spec).frames;
    const n = old.inputSize;
    const stored = old.frames.subarray(it.offset * n, (it.offset + it.length) * n);
    if (codes.length !== stored.length || codes.some((c, i) => c !== stored[i]))
      throw new Error(`${it.id}: the recording's codes differ from the pack's frames`);
    return f;
  });
  const { audio: _, ...rest } = old;
  const plain: SamplePack = {
    ...rest,
    items: old.items.map(({ audio: __, ...it }) => it),
    provenance: { ...old.provenance, notes: TEST_PACK_NOTES },
  };
  const after = decodePack(writeTestPack(path, plain, files, spec));
  if (!Buffer.from(after.frames).equals(Buffer.from(old.frames))) throw new Error('frames changed');
  const audio = after.audio!;
  const samples = after.items.reduce((sum, it) => sum + (it.audio?.samples ?? 0), 0);
  log(
    `${path}: ${before.length} -> ${readFileSync(path).length} bytes; frames identical (${after.frames.length} bytes); ` +
      `audio ${audio.data.length} bytes for ${(samples / audio.sampleRate).toFixed(1)} s of ${after.items.length} recordings`,
  );
}

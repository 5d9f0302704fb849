// The digits test pack's audio: each item's recording as IMA ADPCM at the features' sample rate, so the
// lab can play what the network hears. The pipeline's pack writer calls this, so every re-run keeps it.
import { encodeImaAdpcm } from '../../src/engine/audio/ima-adpcm';
import type { LogMelSpec } from '../../src/engine/features/logmel';
import type { SamplePack } from '../../src/engine/types';
import { type FsddFile, readMono } from './fsdd';

/** `pack` with the recording of every item whose id is in `files` (the other items get none). */
export function withRecordings(pack: SamplePack, files: FsddFile[], spec: LogMelSpec): SamplePack {
  const byId = new Map(files.map((f) => [f.id, f]));
  const streams: Uint8Array[] = [];
  let offset = 0;
  const items = pack.items.map((it) => {
    const f = byId.get(it.id);
    if (!f) return it;
    const samples = readMono(f, spec.sampleRate);
    const bytes = encodeImaAdpcm(samples);
    streams.push(bytes);
    const audio = { offset, samples: samples.length };
    offset += bytes.length;
    return { ...it, audio };
  });
  const data = new Uint8Array(offset);
  let at = 0;
  for (const s of streams) {
    data.set(s, at);
    at += s.length;
  }
  return {
    ...pack,
    items,
    audio: { encoding: 'ima-adpcm', sampleRate: spec.sampleRate, samplesPerFrame: spec.hop, data },
  };
}

// A pack item's recording for the page's media element: its ADPCM stream decoded and written as a
// 16-bit WAV (Chromium plays PCM WAV natively), with the mapping from playhead steps to audio seconds.
import { encodeWav16 } from '../data/wav-write';
import { adpcmBytes, decodeImaAdpcm } from '../engine/audio/ima-adpcm';
import type { SampleItem, SamplePack } from '../engine/types';
import type { ItemAudio } from './api';

/** The item's recording, or null when the pack carries none for it. */
export function itemAudio(pack: SamplePack, item: SampleItem): ItemAudio | null {
  const a = pack.audio;
  const r = item.audio;
  if (!a || !r) return null;
  const samples = decodeImaAdpcm(a.data.subarray(r.offset, r.offset + adpcmBytes(r.samples)), r.samples);
  return {
    wav: encodeWav16(samples, a.sampleRate),
    seconds: r.samples / a.sampleRate,
    secondsPerStep: a.samplesPerFrame / a.sampleRate,
    credit: `${pack.provenance.dataset} (${pack.provenance.license})`,
  };
}

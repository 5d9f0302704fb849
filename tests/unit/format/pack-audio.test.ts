// The audio part of sample packs: round trip, every damaged or hostile audio field either decodes to a
// consistent pack or throws FormatError, and each consistency rule has its own rejection.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adpcmBytes, decodeImaAdpcm, encodeImaAdpcm } from '../../../src/engine/audio/ima-adpcm';
import { decodePack, encodePack, FormatError } from '../../../src/engine/format/index';
import type { SamplePack } from '../../../src/engine/types';
import { packArb } from './arbitraries';
import { type Json, rewrite } from './craft';

const withAudio = packArb.filter((p) => p.audio !== undefined);

function audioPack(): SamplePack {
  const a = encodeImaAdpcm(Float32Array.from({ length: 160 }, (_, i) => 0.2 * Math.sin(i / 3)));
  const b = encodeImaAdpcm(Float32Array.from({ length: 81 }, (_, i) => 0.1 * Math.cos(i / 5)));
  const data = new Uint8Array(a.length + b.length);
  data.set(a);
  data.set(b, a.length);
  return {
    name: 'audio',
    task: { kind: 'classification', classNames: ['a', 'b'] },
    activation: { intBits: 3, fracBits: 4 },
    inputSize: 2,
    features: {},
    items: [
      { id: 'a', offset: 0, length: 2, label: 0, audio: { offset: 0, samples: 160 } },
      { id: 'b', offset: 2, length: 1, label: 1, audio: { offset: a.length, samples: 81 } },
      { id: 'c', offset: 3, length: 1, label: 1 },
    ],
    frames: Int8Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
    audio: { encoding: 'ima-adpcm', sampleRate: 8000, samplesPerFrame: 80, data },
    provenance: {
      dataset: 'x',
      trainingMethod: 'x',
      seed: 0,
      license: 'CC BY-SA 4.0',
      attribution: 'x',
      createdBy: 'x',
    },
  };
}

function code(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return e.code;
  }
}

/** Every item's audio range lies inside the audio data and decodes. */
function checkRanges(p: SamplePack): void {
  for (const it of p.items) {
    if (!it.audio) continue;
    expect(p.audio).toBeDefined();
    const end = it.audio.offset + adpcmBytes(it.audio.samples);
    expect(end).toBeLessThanOrEqual(p.audio!.data.length);
    decodeImaAdpcm(p.audio!.data.subarray(it.audio.offset, end), it.audio.samples);
  }
}

describe('pack audio', () => {
  it('round-trips packs with audio, frames and items untouched', () => {
    fc.assert(
      fc.property(withAudio, fc.constantFrom('none' as const, 'deflate' as const), (pack, c) => {
        const back = decodePack(encodePack(pack, { compression: c }));
        expect(back).toEqual(pack);
        checkRanges(back);
      }),
      { seed: 21, numRuns: 100 },
    );
  });

  it('a pack without audio encodes exactly as before the audio part existed (no audio tensor)', () => {
    const p = audioPack();
    const { audio: _, ...plain } = p;
    const items = plain.items.map(({ audio: __, ...it }) => it);
    const bytes = encodePack({ ...plain, items });
    expect(decodePack(bytes).audio).toBeUndefined();
    expect(encodePack({ ...plain, items })).toEqual(bytes);
  });

  it('hostile audio fields decode to consistent packs or throw FormatError', () => {
    const hostile = fc.oneof(
      fc.constantFrom(-1, 0, 1, 0.5, 999, 48_001, 2 ** 31, 1e300, null, 'x', [], {}, 'pcm'),
      fc.nat(),
    );
    const field = fc.constantFrom(
      ['audio', 'encoding'],
      ['audio', 'sampleRate'],
      ['audio', 'samplesPerFrame'],
      ['audio', 'bytes'],
      ['audio'],
      ['items', 0, 'audio', 'offset'],
      ['items', 0, 'audio', 'samples'],
      ['items', 0, 'audio'],
    );
    const codes = new Set<string>();
    fc.assert(
      fc.property(withAudio, field, hostile, (pack, path, value) => {
        const bytes = rewrite('pack', encodePack(pack), {
          header: (h: Json) => {
            let o = h;
            for (const k of path.slice(0, -1)) o = o[k] ?? {};
            o[path[path.length - 1]] = value;
          },
        });
        const c = code(() => checkRanges(decodePack(bytes)));
        codes.add(c);
      }),
      { seed: 22, numRuns: 300 },
    );
    for (const c of ['ok', 'bad-header', 'inconsistent', 'size-mismatch']) expect(codes).toContain(c);
  });

  it('names each broken rule', () => {
    const bytes = encodePack(audioPack());
    const edit = (f: (h: Json) => void) => code(() => decodePack(rewrite('pack', bytes, { header: f })));
    expect(edit((h) => (h.audio.sampleRate = 500))).toBe('inconsistent');
    expect(edit((h) => (h.audio.sampleRate = 96_000))).toBe('inconsistent');
    expect(edit((h) => (h.audio.samplesPerFrame = 0))).toBe('inconsistent');
    expect(edit((h) => (h.audio.samplesPerFrame = 8001))).toBe('inconsistent');
    expect(edit((h) => (h.items[1].audio.samples = 90))).toBe('inconsistent');
    expect(edit((h) => (h.items[1].audio.offset = 10_000))).toBe('inconsistent');
    expect(edit((h) => (h.items[0].audio.samples = 1e9))).toBe('absurd-dimension');
    expect(edit((h) => (h.audio.encoding = 'mp3'))).toBe('bad-header');
    // The audio header gone: items that point into audio are inconsistent, and the table too long.
    expect(edit((h) => delete h.audio)).toBe('inconsistent');
    expect(
      edit((h) => {
        delete h.audio;
        for (const it of h.items) delete it.audio;
      }),
    ).toBe('size-mismatch');
    expect(edit((h) => (h.audio.bytes += 4))).toBe('size-mismatch');
  });

  it('encodePack refuses audio data that is not bytes, or items pointing past it', () => {
    const p = audioPack();
    const notBytes = { ...p, audio: { ...p.audio!, data: [1, 2] as unknown as Uint8Array } };
    expect(code(() => encodePack(notBytes))).toBe('bad-header');
    const short = { ...p, audio: { ...p.audio!, data: p.audio!.data.subarray(0, 100) } };
    expect(code(() => encodePack(short))).toBe('inconsistent');
    const { audio: _, ...none } = p;
    expect(code(() => encodePack(none))).toBe('inconsistent');
  });

  it('decodes the stored streams back to the recordings', () => {
    const back = decodePack(encodePack(audioPack()));
    const it = back.items[1].audio!;
    const y = decodeImaAdpcm(back.audio!.data.subarray(it.offset), it.samples);
    expect(y[10]).toBeCloseTo(0.1 * Math.cos(2), 2);
  });
});

// The shipped driving test pack carries seeds, not video: its clips must re-render bit for bit from
// their seeds, and the shipped CNN must turn those frames into exactly the pack's feature codes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clipDigest, renderClip, seedSplit } from '../../../src/data/driving';
import { cnnFeatureSequence, compileCnn } from '../../../src/engine/cnn';
import { decodeModel, decodePack } from '../../../src/engine/format/index';

const dir = new URL('../../../public/models/', import.meta.url);
const pack = decodePack(new Uint8Array(readFileSync(new URL('driving-test.dlp', dir))));
const clips = (pack.features as { clips: { seed: number; frames: number; digest: string }[] }).clips;

describe('shipped driving test pack', () => {
  it('holds 100-second clips from test seeds', () => {
    expect(clips.length).toBeGreaterThanOrEqual(5);
    for (const [k, c] of clips.entries()) {
      expect(seedSplit(c.seed)).toBe('test');
      expect(c.frames).toBe(2000);
      expect(pack.items[k]).toMatchObject({ id: `seed-${c.seed}`, length: 2000 });
    }
  });

  // Two of them in full here (a few seconds); the browser test re-renders all of them.
  it('its clips re-render to their digests and labels', { timeout: 120_000 }, () => {
    for (const [k, c] of clips.slice(0, 2).entries()) {
      const clip = renderClip({ seed: c.seed, frames: c.frames });
      expect(clipDigest(clip)).toBe(c.digest);
      const item = pack.items[k];
      expect(pack.targets!.subarray(item.offset, item.offset + item.length)).toEqual(clip.steering);
    }
  });

  it.each(['driving-dense', 'driving-delta', 'driving-delta-l1'])(
    '%s’s CNN computes the pack’s features from the frames',
    (id) => {
      const model = decodeModel(new Uint8Array(readFileSync(new URL(`${id}.dlm`, dir))));
      const cnn = compileCnn(model.cnn!);
      const c = clips[0];
      const clip = renderClip({ seed: c.seed, frames: 200 });
      const codes = cnnFeatureSequence(cnn, clip.frames);
      expect(codes).toEqual(pack.frames.subarray(0, codes.length));
    },
  );
});

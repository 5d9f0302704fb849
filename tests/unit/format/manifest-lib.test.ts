import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/engine/format/index';
import type { ManifestModel } from '../../../src/workers/api';
import { emptyManifest, manifestJson, upsertModel, upsertPack } from '../../../tools/lib/manifest';

const model = (id: string, over: Partial<ManifestModel> = {}): ManifestModel => ({
  id,
  task: 'digits',
  method: 'dense',
  label: id,
  file: `${id}.dlm`,
  pack: 'p',
  ...over,
});

describe('tools/lib/manifest', () => {
  const base = upsertPack(emptyManifest(), { id: 'p', task: 'digits', label: 'P', file: 'p.dlp' });

  it('upserts by id and keeps entries sorted', () => {
    let m = upsertModel(base, model('b'));
    m = upsertModel(m, model('a'));
    m = upsertModel(m, model('b', { label: 'new b' }));
    expect(m.models.map((x) => [x.id, x.label])).toEqual([
      ['a', 'a'],
      ['b', 'new b'],
    ]);
  });

  it('writes the same text whatever the insertion and key order', () => {
    const one = upsertModel(upsertModel(base, model('a')), model('b', { curve: 'b.json' }));
    const shuffled = { ...model('b'), curve: 'b.json' };
    const keysReversed = Object.fromEntries(Object.entries(shuffled).reverse()) as unknown as ManifestModel;
    const two = upsertModel(upsertModel(base, keysReversed), model('a'));
    expect(manifestJson(two)).toBe(manifestJson(one));
    expect(manifestJson(one)).toMatch(/"file": "b.dlm",\n {6}"curve": "b.json",\n {6}"pack": "p"\n/);
    expect(manifestJson(one).endsWith('}\n')).toBe(true);
  });

  it('refuses to write an invalid manifest', () => {
    expect(() => manifestJson(upsertModel(base, model('x', { pack: 'missing' })))).toThrow(FormatError);
  });
});

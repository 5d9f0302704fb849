import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, parseManifest } from '../../../src/engine/format/index';
import type { Json } from './craft';

const valid = () => ({
  version: 1,
  models: [
    {
      id: 'digits-delta',
      task: 'digits',
      method: 'delta',
      label: 'Delta-trained',
      file: 'digits/delta.dlm',
      curve: 'digits/delta.curve.json',
      pack: 'digits-test',
    },
  ],
  packs: [{ id: 'digits-test', task: 'digits', label: 'FSDD test', file: 'digits/test.dlp' }],
});

function codeOf(json: unknown): string {
  try {
    parseManifest(json);
    return 'ok';
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

describe('parseManifest', () => {
  it('accepts a valid manifest and drops unknown keys', () => {
    expect(parseManifest({ ...valid(), extra: 1 })).toEqual(valid());
  });

  it.each([
    ['absolute URL', (m: Json) => (m.models[0].file = 'https://example.com/m.dlm'), /models\.0\.file/],
    ['parent folder', (m: Json) => (m.packs[0].file = '../secret.dlp'), /packs\.0\.file/],
    ['absolute path', (m: Json) => (m.models[0].curve = '/etc/passwd'), /models\.0\.curve/],
    ['backslash', (m: Json) => (m.models[0].file = 'a\\b.dlm'), /models\.0\.file/],
    ['version 2', (m: Json) => (m.version = 2), /version/],
    ['duplicate model', (m: Json) => m.models.push(m.models[0]), /model id 'digits-delta' appears twice/],
    ['duplicate pack', (m: Json) => m.packs.push(m.packs[0]), /pack id 'digits-test' appears twice/],
    ['unknown pack', (m: Json) => (m.models[0].pack = 'nope'), /names pack 'nope', which is not listed/],
    ['bad id', (m: Json) => (m.models[0].id = 'a b'), /models\.0\.id/],
    ['missing label', (m: Json) => delete m.packs[0].label, /packs\.0\.label/],
  ])('rejects %s', (_, change, message) => {
    const m = valid();
    change(m);
    expect(codeOf(m)).toMatch(/^bad-manifest: manifest: /);
    expect(codeOf(m)).toMatch(message);
  });

  it('hostile JSON is rejected with FormatError, never another error', () => {
    fc.assert(
      fc.property(fc.anything(), (json) => {
        expect(codeOf(json)).toMatch(/^bad-manifest/);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('a valid manifest with any field replaced parses or fails with FormatError', () => {
    const fields = ['id', 'task', 'method', 'label', 'file', 'curve', 'pack'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
        const m: Json = valid();
        m.models[0][field] = value;
        const result = codeOf(m);
        if (result === 'ok') expect(parseManifest(m).models[0]).toHaveProperty(field, value);
        else expect(result).toMatch(/^bad-manifest/);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

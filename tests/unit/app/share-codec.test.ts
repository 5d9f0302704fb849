// The shareable state survives a round trip through the URL, and no URL, however hostile, breaks the
// reader: every field it returns passes the schema, and bad parts are reported, not used.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPEEDS } from '../../../app/store/constants';
import { decodeShare, encodeShare } from '../../../app/url/share-codec';
import { type ShareState, shareStateSchema } from '../../../app/url/share-schema';

const id = fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/);
const thetas = fc.array(fc.integer({ min: 0, max: 1024 }), { minLength: 1, maxLength: 4 });
const shareState: fc.Arbitrary<ShareState> = fc.record(
  {
    task: id,
    model: id,
    item: fc.integer({ min: 0, max: 999_999 }),
    tx: thetas,
    th: thetas,
    mode: fc.constantFrom('float' as const, 'fixed' as const),
    pres: fc.boolean(),
    layers: fc.boolean(),
    neuron: fc.record({
      layer: fc.integer({ min: 0, max: 15 }),
      kind: fc.constantFrom('x' as const, 'h' as const),
      index: fc.integer({ min: 0, max: 99_999 }),
    }),
    speed: fc.constantFrom(...SPEEDS),
    drive: fc.constantFrom('clip' as const, 'live' as const),
  },
  { requiredKeys: [] },
);

describe('share codec', () => {
  it('reads the driving view (clip or live road) and refuses anything else', () => {
    expect(decodeShare('#task=driving&drive=live').state).toEqual({ task: 'driving', drive: 'live' });
    const { state, problems } = decodeShare('#drive=fly');
    expect(state).toEqual({});
    expect(problems).toEqual(['bad value for drive: "fly"']);
  });

  it('round-trips every valid state exactly, with no problems reported', () => {
    fc.assert(
      fc.property(shareState, (s) => {
        const { state, problems } = decodeShare(`#${encodeShare(s)}`);
        expect(problems).toEqual([]);
        expect(state).toEqual(s);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never throws on arbitrary text and only returns schema-valid state', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { state } = decodeShare(text);
        expect(shareStateSchema.safeParse(state).success).toBe(true);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('keeps the good fields when one parameter is replaced by garbage', () => {
    const key = fc.constantFrom(
      'task',
      'model',
      'item',
      'tx',
      'th',
      'mode',
      'pres',
      'layers',
      'neuron',
      'speed',
    );
    fc.assert(
      fc.property(shareState, key, fc.string({ maxLength: 40 }), (s, k, junk) => {
        const params = new URLSearchParams(encodeShare(s));
        params.set(k, junk);
        const { state, problems } = decodeShare(params.toString());
        expect(shareStateSchema.safeParse(state).success).toBe(true);
        const { [k as keyof ShareState]: _dropped, ...rest } = s;
        const { [k as keyof ShareState]: _maybe, ...restOut } = state;
        expect(restOut).toEqual(rest);
        // The replaced field is either a valid value by chance, or reported.
        if (!(k in state)) expect(problems.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it.each([
    ['negative item', '#item=-1', 'item'],
    ['huge item', '#item=99999999999', 'item'],
    ['float item', '#item=1.5', 'item'],
    ['NaN thresholds', '#tx=NaN,1&th=1,1', 'tx'],
    ['too many layers', `#tx=${Array(17).fill(1).join(',')}`, 'tx'],
    ['script in model', '#model=<script>alert(1)</script>', 'model'],
    ['path in model', '#model=../../etc/passwd', 'model'],
    ['unknown mode', '#mode=quantum', 'mode'],
    ['bad neuron', '#neuron=0:z:1', 'neuron'],
    ['odd speed', '#speed=3', 'speed'],
    ['broken percent escape', '#model=%E0%A4%A', 'model'],
  ])('rejects %s', (_, hash, key) => {
    const { state, problems } = decodeShare(hash);
    expect(state).not.toHaveProperty(key);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('ignores prototype keys, duplicates and over-long links', () => {
    const proto = decodeShare('#__proto__=1&constructor=2&model=ok');
    expect(proto.state).toEqual({ model: 'ok' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(proto.problems).toHaveLength(2);
    const twice = decodeShare('#model=a&model=b&item=3');
    expect(twice.state).toEqual({ item: 3 });
    const long = decodeShare(`#model=${'a'.repeat(5000)}`);
    expect(long.state).toEqual({});
    expect(long.problems).toEqual(['the link is too long']);
  });

  it('reads an empty hash as no preferences', () => {
    expect(decodeShare('')).toEqual({ state: {}, problems: [] });
    expect(decodeShare('#')).toEqual({ state: {}, problems: [] });
  });
});

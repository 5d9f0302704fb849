// Damaged and hostile files: every decode either succeeds or throws FormatError, never another error,
// never a hang. Byte damage is tried both as is (the checksum catches most) and resealed with a fresh
// checksum, so it reaches the header and blob parsers; header fields are also replaced with hostile JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeModel,
  decodePack,
  encodeModel,
  encodePack,
  FormatError,
} from '../../../src/engine/format/index';
import type { Model, SamplePack } from '../../../src/engine/types';
import { modelArb, packArb } from './arbitraries';
import { type Json, reseal, rewrite } from './craft';

type Kind = 'model' | 'pack';

/** Decodes; a success must re-encode (anything readable is writable); failures must be FormatError. */
function decodeOrFormatError(kind: Kind, bytes: Uint8Array): 'ok' | string {
  try {
    if (kind === 'model') encodeModel(decodeModel(bytes));
    else encodePack(decodePack(bytes));
    return 'ok';
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    expect(e.message.length).toBeGreaterThan(5);
    return e.code;
  }
}

const damage = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('extend' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({
    kind: fc.constant('prelude' as const),
    field: fc.integer({ min: 1, max: 4 }),
    value: fc.nat(),
  }),
);

type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function applyDamage(bytes: Uint8Array, d: Damage): Uint8Array {
  switch (d.kind) {
    case 'flip': {
      const out = bytes.slice();
      for (const [pos, x] of d.at) out[pos % out.length] ^= x;
      return out;
    }
    case 'truncate':
      return bytes.slice(0, d.at % bytes.length);
    case 'extend': {
      const out = new Uint8Array(bytes.length + d.extra.length);
      out.set(bytes);
      out.set(d.extra, bytes.length);
      return out;
    }
    case 'prelude': {
      const out = bytes.slice();
      new DataView(out.buffer).setUint32(4 * d.field, d.value, true);
      return out;
    }
  }
}

const hostile = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 1e9, 2 ** 32, -(2 ** 31), 4097, 1e300, null, '', 'x', true, [], {}, [0], {
    kind: 'mlp',
  }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** All paths to values inside a JSON header, so a mutation can target any field. */
function paths(
  v: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) {
    for (let i = 0; i < Math.min(v.length, 8); i++) paths(v[i], [...prefix, i], out);
  } else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function setAt(root: Json, path: (string | number)[], value: unknown): void {
  let o: Json = root;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]] = value;
}

const compression = fc.constantFrom('none' as const, 'deflate' as const);
const modelFile = fc
  .tuple(modelArb, compression)
  .map(([m, c]) => encodeModel(m as Model, { compression: c }));
const packFile = fc
  .tuple(packArb, compression)
  .map(([p, c]) => encodePack(p as SamplePack, { compression: c }));
const files = fc.oneof(
  modelFile.map((bytes) => ({ kind: 'model' as Kind, bytes })),
  packFile.map((bytes) => ({ kind: 'pack' as Kind, bytes })),
);

describe('format fuzz', () => {
  it('damaged bytes (raw and resealed) decode or throw FormatError', () => {
    const codes = new Set<string>();
    fc.assert(
      fc.property(files, damage, fc.boolean(), ({ kind, bytes }, d, resealed) => {
        const damaged = applyDamage(bytes, d);
        codes.add(decodeOrFormatError(kind, resealed ? reseal(damaged) : damaged));
      }),
      { seed: 42, numRuns: 400 },
    );
    // The damage really reaches different checks, not just the checksum.
    for (const code of ['bad-magic', 'truncated', 'size-mismatch', 'bad-checksum', 'bad-header']) {
      expect(codes).toContain(code);
    }
  });

  it('hostile header fields decode or throw FormatError', () => {
    const codes = new Set<string>();
    fc.assert(
      fc.property(files, fc.nat(), hostile, ({ kind, bytes }, pick, value) => {
        const changed = rewrite(kind, bytes, {
          header: (h) => {
            const all = paths(h).filter((p) => p.length > 0);
            setAt(h, all[pick % all.length], value);
          },
        });
        codes.add(decodeOrFormatError(kind, changed));
      }),
      { seed: 7, numRuns: 300 },
    );
    for (const code of ['bad-header', 'absurd-dimension', 'inconsistent', 'size-mismatch']) {
      expect(codes).toContain(code);
    }
  });
});

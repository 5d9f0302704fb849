// .npy/.npz files written by NumPy itself (tests/fixtures/numpy/make.py): versions 1-3, byte order,
// Fortran order, dtypes, compressed and plain archives, lists of variable-length sequences.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNpy, parseNpz, writeNpy } from '../../../src/engine/dataset';
import { FormatError } from '../../../src/engine/format';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/numpy/${name}`));
const [N, T, F] = [3, 5, 4];
/** make.py's x: (index % 17 - 8) / 4. */
const expected = Float32Array.from({ length: N * T * F }, (_, k) => ((k % 17) - 8) / 4);

describe('.npy from NumPy', () => {
  for (const name of [
    'x-v1-f4.npy',
    'x-v2-f4.npy',
    'x-v3-f4.npy',
    'x-be-f4.npy',
    'x-f8.npy',
    'x-fortran-f4.npy',
  ]) {
    it(`reads ${name}`, () => {
      const a = parseNpy(fixture(name));
      expect(a.kind).toBe('float');
      expect(a.shape).toEqual([N, T, F]);
      expect(a.data).toEqual(expected);
    });
  }

  it('reads int8 codes and int64 labels', () => {
    const codes = parseNpy(fixture('x-i1.npy'));
    expect(codes.kind).toBe('int8');
    expect(Array.from(codes.data)).toEqual(Array.from(expected, (v) => Math.trunc(v * 16)));
    const y = parseNpy(fixture('y-i8.npy'));
    expect(y.kind).toBe('int');
    expect(Array.from(y.data)).toEqual([2, 0, 1]);
  });

  it('refuses pickled object arrays, saying what to do instead', () => {
    expect(() => parseNpy(fixture('object.npy'))).toThrow(/pickled object array.*np\.savez/);
  });

  it('reads plain and compressed .npz and lists of sequences', () => {
    for (const name of ['xy.npz', 'xy-compressed.npz']) {
      const m = parseNpz(fixture(name));
      expect(m.get('x')!.data).toEqual(expected);
      expect(Array.from((m.get('y') ?? m.get('labels'))!.data)).toEqual([2, 0, 1]);
    }
    const list = parseNpz(fixture('list.npz'));
    expect([0, 1, 2].map((i) => list.get(`arr_${i}`)!.shape)).toEqual([
      [2, F],
      [3, F],
      [4, F],
    ]);
  });

  it('writeNpy and parseNpy agree for any shape and dtype', () => {
    const arb = fc
      .record({
        shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
        descr: fc.constantFrom('<f4', '>f4', '<f8', '>f8', '|i1', '<i2', '>i4', '<i8'),
      })
      .chain(({ shape, descr }) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const float = descr.includes('f');
        const v = float
          ? fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0)
          : fc.integer({ min: -128, max: 127 });
        return fc.record({
          shape: fc.constant(shape),
          descr: fc.constant(descr),
          values: fc.array(v, { minLength: n, maxLength: n }),
        });
      });
    fc.assert(
      fc.property(arb, ({ shape, descr, values }) => {
        const a = parseNpy(writeNpy(descr, shape, values));
        expect(a.shape).toEqual(shape);
        expect(Array.from(a.data)).toEqual(values.map((v) => (descr.includes('f4') ? Math.fround(v) : v)));
      }),
      { seed: 1405, numRuns: 300 },
    );
  });
});

describe('.npy and .npz of hostile input', () => {
  const ok = (f: () => unknown) => {
    try {
      f();
      return 'ok';
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      expect(e.message.length).toBeGreaterThan(5);
      return e.code;
    }
  };

  it('damaged files give FormatError only', () => {
    const seeds = ['x-v1-f4.npy', 'x-v3-f4.npy', 'x-fortran-f4.npy', 'y-i8.npy'].map(fixture);
    const npz = ['xy.npz', 'xy-compressed.npz', 'list.npz'].map(fixture);
    fc.assert(
      fc.property(
        fc.nat({ max: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
        fc.option(fc.nat()),
        (which, flips, cut) => {
          let b = (which < 4 ? seeds[which] : npz[which - 4]).slice();
          for (const [at, x] of flips) b[at % b.length] ^= x;
          if (cut !== null) b = b.subarray(0, cut % b.length);
          ok(() => (which < 4 ? parseNpy(b) : parseNpz(b)));
        },
      ),
      { seed: 1406, numRuns: 2000 },
    );
  });

  it('hostile headers give FormatError only', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom(1, 2, 3), (header, version) => {
        const h = new TextEncoder().encode(header);
        const lenBytes = version === 1 ? 2 : 4;
        const b = new Uint8Array(8 + lenBytes + h.length + 16);
        b.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
        new DataView(b.buffer).setUint32(8, h.length, true);
        b.set(h, 8 + lenBytes);
        ok(() => parseNpy(b));
      }),
      { seed: 1407, numRuns: 1000 },
    );
  });

  it('a huge declared shape is refused before allocating', () => {
    const b = writeNpy('<f4', [1], [0]);
    const text = new TextDecoder('latin1').decode(
      b.subarray(10, 10 + new DataView(b.buffer).getUint16(8, true)),
    );
    const big = text.replace("'shape': (1,)", "'shape': (999999999999, 99999)").slice(0, text.length);
    b.set(new TextEncoder().encode(big), 10);
    expect(ok(() => parseNpy(b))).toBe('truncated');
  });

  it('a zip entry that inflates past the limit is stopped', async () => {
    const { zipSync } = await import('fflate');
    // 200 MB of zeros deflate to about 200 KB: over the 128 MiB limit once inflated.
    const bomb = zipSync({ 'x.npy': [new Uint8Array(200 * 1024 * 1024), { level: 9 }] });
    expect(ok(() => parseNpz(bomb))).toBe('too-large');
  });
});

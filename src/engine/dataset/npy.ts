// NumPy .npy arrays (format versions 1, 2 and 3): the header is a Python dict literal, read by a
// strict little parser (never evaluated); data of the supported dtypes, either byte order, C or
// Fortran order, comes back C-ordered. Object (pickled) arrays are refused.
import { FormatError } from '../format/errors';
import { DATA_LIMITS } from './limits';

export type NdKind = 'float' | 'int8' | 'int';

export interface NdArray {
  /** 'float': float16/32/64 as Float32Array; 'int8': int8 codes; 'int': other integers and bools as Float64Array. */
  kind: NdKind;
  dtype: string;
  shape: number[];
  data: Float32Array | Int8Array | Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function bad(message: string): never {
  throw new FormatError('bad-header', `not a valid .npy file: ${message}`);
}

type PyValue = string | boolean | number[] | number;

/** Parses `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`. */
export function parseHeaderDict(text: string): Record<string, PyValue> {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const expect = (c: string) => {
    ws();
    if (text[i] !== c) bad(`expected "${c}" at header position ${i}`);
    i++;
  };
  const str = (): string => {
    ws();
    const q = text[i];
    if (q !== "'" && q !== '"') bad(`expected a string at header position ${i}`);
    const end = text.indexOf(q, i + 1);
    if (end < 0) bad('unterminated string in the header');
    const s = text.slice(i + 1, end);
    i = end + 1;
    return s;
  };
  const int = (): number => {
    ws();
    const m = /^\d{1,15}/.exec(text.slice(i, i + 16));
    if (!m) bad(`expected a whole number at header position ${i}`);
    i += m[0].length;
    return Number(m[0]);
  };
  const value = (): PyValue => {
    ws();
    if (text[i] === "'" || text[i] === '"') return str();
    for (const [word, v] of [
      ['True', true],
      ['False', false],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    if (text[i] === '(') {
      i++;
      const items: number[] = [];
      for (;;) {
        ws();
        if (text[i] === ')') break;
        items.push(int());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ')') bad(`expected "," or ")" in the shape at header position ${i}`);
        if (items.length > DATA_LIMITS.maxRank) bad(`shape has more than ${DATA_LIMITS.maxRank} dimensions`);
      }
      i++;
      return items;
    }
    return int();
  };
  const out: Record<string, PyValue> = {};
  expect('{');
  for (;;) {
    ws();
    if (text[i] === '}') break;
    const key = str();
    expect(':');
    out[key] = value();
    ws();
    if (text[i] === ',') i++;
    else if (text[i] !== '}') bad(`expected "," or "}" at header position ${i}`);
  }
  i++;
  ws();
  if (i !== text.length) bad('text after the header dict');
  return out;
}

interface Dtype {
  kind: NdKind;
  size: number;
  read: (v: DataView, at: number, little: boolean) => number;
}

function half(v: DataView, at: number, little: boolean): number {
  const h = v.getUint16(at, little);
  const e = (h >> 10) & 31;
  const m = h & 1023;
  const s = h >> 15 ? -1 : 1;
  if (e === 0) return s * 2 ** -14 * (m / 1024);
  if (e === 31) return m ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + m / 1024);
}

const DTYPES: Record<string, Dtype> = {
  f2: { kind: 'float', size: 2, read: half },
  f4: { kind: 'float', size: 4, read: (v, a, l) => v.getFloat32(a, l) },
  f8: { kind: 'float', size: 8, read: (v, a, l) => v.getFloat64(a, l) },
  i1: { kind: 'int8', size: 1, read: (v, a) => v.getInt8(a) },
  u1: { kind: 'int', size: 1, read: (v, a) => v.getUint8(a) },
  b1: { kind: 'int', size: 1, read: (v, a) => v.getUint8(a) },
  i2: { kind: 'int', size: 2, read: (v, a, l) => v.getInt16(a, l) },
  u2: { kind: 'int', size: 2, read: (v, a, l) => v.getUint16(a, l) },
  i4: { kind: 'int', size: 4, read: (v, a, l) => v.getInt32(a, l) },
  u4: { kind: 'int', size: 4, read: (v, a, l) => v.getUint32(a, l) },
  i8: { kind: 'int', size: 8, read: (v, a, l) => Number(v.getBigInt64(a, l)) },
  u8: { kind: 'int', size: 8, read: (v, a, l) => Number(v.getBigUint64(a, l)) },
};

function dtypeOf(descr: string): { dt: Dtype; little: boolean } {
  const m = /^([<>|=]?)([a-zA-Z]\d*)$/.exec(descr);
  const dt = m ? DTYPES[m[2]] : undefined;
  if (!m || !dt) {
    if (/O/.test(descr)) {
      bad(
        `dtype ${descr} is a pickled object array (not read, for safety); save each sequence as its own array: np.savez(f, *sequences, labels=y)`,
      );
    }
    bad(`dtype ${descr} is not supported (float16/32/64, int8-64, uint8-64, bool)`);
  }
  // '=' is native order; NumPy writes it explicitly, so '=' only appears from hand-made files: take little-endian.
  return { dt, little: m[1] !== '>' };
}

export function parseNpy(bytes: Uint8Array): NdArray {
  if (bytes.length > DATA_LIMITS.maxFileBytes) {
    throw new FormatError(
      'too-large',
      `the .npy file has ${bytes.length} bytes, the limit is ${DATA_LIMITS.maxFileBytes}`,
    );
  }
  if (bytes.length < 10 || MAGIC.some((b, k) => bytes[k] !== b)) {
    throw new FormatError('bad-magic', 'not a .npy file (it does not start with \\x93NUMPY)');
  }
  const major = bytes[6];
  if (major < 1 || major > 3)
    throw new FormatError('bad-version', `.npy format version ${major}.${bytes[7]} is not known`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes)
    throw new FormatError('truncated', 'the .npy file ends inside its prelude');
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes;
  if (headerLen > DATA_LIMITS.maxHeaderBytes)
    throw new FormatError('too-large', `the .npy header has ${headerLen} bytes`);
  if (start + headerLen > bytes.length)
    throw new FormatError('truncated', 'the .npy file ends inside its header');
  const raw = bytes.subarray(start, start + headerLen);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(raw);
  const dict = parseHeaderDict(text);
  const { descr, fortran_order: fortran, shape } = dict;
  if (typeof descr !== 'string') bad('the header has no "descr" string');
  if (typeof fortran !== 'boolean') bad('the header has no "fortran_order" True/False');
  if (!Array.isArray(shape)) bad('the header has no "shape" tuple');
  const { dt, little } = dtypeOf(descr);
  let n = 1;
  for (const d of shape) n *= d;
  const dataStart = start + headerLen;
  if (n * dt.size > bytes.length - dataStart) {
    throw new FormatError(
      'truncated',
      `shape (${shape}) of ${descr} needs ${n * dt.size} bytes, the file has ${bytes.length - dataStart}`,
    );
  }
  if (n * dt.size < bytes.length - dataStart) {
    throw new FormatError(
      'size-mismatch',
      `${bytes.length - dataStart - n * dt.size} bytes after the array data`,
    );
  }
  const data =
    dt.kind === 'float' ? new Float32Array(n) : dt.kind === 'int8' ? new Int8Array(n) : new Float64Array(n);
  const strides = cStrides(shape);
  const idx = new Array(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    // k walks the file in its own order; dst is the C-order position of the same element.
    let dst = 0;
    for (let d = 0; d < shape.length; d++) dst += idx[d] * strides[d];
    data[dst] = dt.read(view, dataStart + k * dt.size, little);
    advance(idx, shape, fortran);
  }
  return { kind: dt.kind, dtype: descr, shape: [...shape], data };
}

/** C-order strides (in elements) of each axis. */
function cStrides(shape: number[]): number[] {
  const strides = new Array(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/** The next multi-index in file order: last axis fastest (C) or first axis fastest (Fortran). */
function advance(idx: number[], shape: number[], fortran: boolean): void {
  const r = shape.length;
  for (let s = 0; s < r; s++) {
    const d = fortran ? s : r - 1 - s;
    if (++idx[d] < shape[d]) return;
    idx[d] = 0;
  }
}

/** Writes a C-order .npy (version 1), for tests and the CLI's own output. */
export function writeNpy(descr: string, shape: number[], values: ArrayLike<number>): Uint8Array {
  const { dt, little } = dtypeOf(descr);
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += `${' '.repeat(63 - ((10 + header.length) % 64))}\n`;
  const out = new Uint8Array(10 + header.length + values.length * dt.size);
  out.set(MAGIC);
  out[6] = 1;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let k = 0; k < header.length; k++) out[10 + k] = header.charCodeAt(k);
  const at = 10 + header.length;
  for (let k = 0; k < values.length; k++) {
    const o = at + k * dt.size;
    const v = values[k];
    if (dt.kind === 'float') {
      if (dt.size === 8) view.setFloat64(o, v, little);
      else view.setFloat32(o, v, little);
    } else if (dt.size === 1) view.setInt8(o, v);
    else if (dt.size === 2) view.setInt16(o, v, little);
    else if (dt.size === 4) view.setInt32(o, v, little);
    else view.setBigInt64(o, BigInt(v), little);
  }
  return out;
}

// The tensor table: what the header says about each array in the blob, the one canonical layout
// (table order, each tensor at the next 4-byte boundary), and little-endian reads and writes that are
// independent of the platform's byte order and of the input's alignment.
import { align4 } from './container';
import { FormatError } from './errors';
import { LIMITS } from './limits';

export type DType = 'f32' | 'i8';

export interface TensorEntry {
  name: string;
  dtype: DType;
  shape: number[];
  /** Byte offset into the raw blob, and byte length. */
  offset: number;
  length: number;
}

/** What a tensor must look like, derived from the architecture. */
export interface TensorSpec {
  name: string;
  /** For messages, e.g. "layer 0 wHh". */
  label: string;
  dtype: DType;
  shape: number[];
  /** How the element count follows from the architecture, e.g. "3*128*40". */
  formula: string;
}

const BYTES: Record<DType, number> = { f32: 4, i8: 1 };
const UNIT: Record<DType, string> = { f32: 'floats', i8: 'bytes' };

const elements = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** The canonical layout of specs; throws 'too-large' before anything is allocated. */
export function layoutTensors(specs: TensorSpec[]): { entries: TensorEntry[]; total: number } {
  let offset = 0;
  const entries = specs.map((s) => {
    const length = elements(s.shape) * BYTES[s.dtype];
    const e: TensorEntry = { name: s.name, dtype: s.dtype, shape: s.shape, offset, length };
    offset = align4(offset + length);
    if (offset > LIMITS.maxBlobBytes) {
      throw new FormatError('too-large', `tensors up to ${s.label} need over ${LIMITS.maxBlobBytes} bytes`);
    }
    return e;
  });
  return { entries, total: offset };
}

export function countMessage(spec: TensorSpec, actual: number, where: 'file' | 'model' | 'pack'): string {
  const n = elements(spec.shape);
  const formula = spec.formula === String(n) ? String(n) : `${spec.formula}=${n}`;
  return `${spec.label}: expected ${formula} ${UNIT[spec.dtype]}, ${where} has ${actual}`;
}

/** Checks a file's tensor table against the specs and the blob size; returns the canonical layout. */
export function checkTable(found: TensorEntry[], specs: TensorSpec[], rawLength: number): TensorEntry[] {
  const { entries, total } = layoutTensors(specs);
  if (found.length !== specs.length) {
    const names = specs.map((s) => s.name).join(', ');
    throw new FormatError(
      'size-mismatch',
      `tensor table has ${found.length} entries, expected ${specs.length} (${names})`,
    );
  }
  specs.forEach((s, i) => {
    const f = found[i];
    const e = entries[i];
    if (f.name !== s.name) {
      throw new FormatError('size-mismatch', `tensor ${i} is named '${f.name}', expected '${s.name}'`);
    }
    if (f.dtype !== s.dtype) {
      throw new FormatError('size-mismatch', `${s.label}: dtype ${f.dtype}, expected ${s.dtype}`);
    }
    if (elements(f.shape) !== elements(s.shape)) {
      throw new FormatError('size-mismatch', countMessage(s, elements(f.shape), 'file'));
    }
    if (f.shape.join() !== s.shape.join()) {
      throw new FormatError('size-mismatch', `${s.label}: shape [${f.shape}], expected [${s.shape}]`);
    }
    if (f.offset !== e.offset || f.length !== e.length) {
      throw new FormatError(
        'size-mismatch',
        `${s.label}: at bytes ${f.offset}+${f.length}, expected ${e.offset}+${e.length}`,
      );
    }
  });
  if (rawLength !== total) {
    throw new FormatError('size-mismatch', `blob has ${rawLength} bytes, its tensors need ${total}`);
  }
  return entries;
}

export function writeTensors(
  entries: TensorEntry[],
  data: (Float32Array | Int8Array)[],
  total: number,
): Uint8Array {
  const blob = new Uint8Array(total);
  const view = new DataView(blob.buffer);
  entries.forEach((e, k) => {
    const a = data[k];
    if (a instanceof Float32Array) {
      for (let i = 0; i < a.length; i++) view.setFloat32(e.offset + 4 * i, a[i], true);
    } else {
      blob.set(new Uint8Array(a.buffer, a.byteOffset, a.length), e.offset);
    }
  });
  return blob;
}

/** Reads a float tensor, rejecting NaN and ±Infinity. */
export function readF32(blob: Uint8Array, e: TensorEntry, label: string): Float32Array {
  const view = new DataView(blob.buffer, blob.byteOffset + e.offset, e.length);
  const n = e.length / 4;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = view.getFloat32(4 * i, true);
    if (!Number.isFinite(v)) throw new FormatError('non-finite', `${label}[${i}] is ${v}`);
    out[i] = v;
  }
  return out;
}

export function readI8(blob: Uint8Array, e: TensorEntry): Int8Array {
  return new Int8Array(blob.slice(e.offset, e.offset + e.length).buffer);
}

/** Throws 'non-finite' naming the first NaN/±Infinity of an in-memory array. */
export function checkFinite(a: Float32Array, label: string): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new FormatError('non-finite', `${label}[${i}] is ${a[i]}`);
  }
}

// The numbers inside an ONNX TensorProto: float32 from float_data or little-endian raw_data, int64
// from int64_data or raw_data. Shapes and element counts are checked before anything is copied.
import { FormatError } from '../format/errors';
import { ONNX_LIMITS } from './limits';
import { num } from './read';
import { DT, type TensorMsg } from './schema';

export interface FloatTensor {
  dims: number[];
  data: Float32Array;
}

export function tensorDims(t: TensorMsg, what: string): number[] {
  if (t.dims.length > ONNX_LIMITS.maxRank) {
    throw new FormatError('unsupported', `${what}: rank ${t.dims.length} is over ${ONNX_LIMITS.maxRank}`);
  }
  const dims = t.dims.map((d) => num(d, `${what} dims`));
  let n = 1;
  for (const d of dims) {
    if (d < 0) throw new FormatError('absurd-dimension', `${what}: negative dimension ${d}`);
    n *= d;
    if (n > ONNX_LIMITS.maxTensorElements) {
      throw new FormatError('too-large', `${what}: more than ${ONNX_LIMITS.maxTensorElements} elements`);
    }
  }
  return dims;
}

function count(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function checkStored(t: TensorMsg, what: string): void {
  if (t.dataLocation === 1) {
    throw new FormatError(
      'unsupported',
      `${what}: external data files are not supported (save it in one file)`,
    );
  }
}

export function floatTensor(t: TensorMsg, what: string): FloatTensor {
  checkStored(t, what);
  if (t.dataType !== DT.FLOAT) {
    throw new FormatError('unsupported', `${what}: data type ${t.dataType}, only float32 (1) is supported`);
  }
  const dims = tensorDims(t, what);
  const n = count(dims);
  const raw = t.rawData?.length ?? 0;
  let data: Float32Array;
  if (raw > 0) {
    if (raw !== 4 * n) {
      throw new FormatError(
        'size-mismatch',
        `${what}: shape [${dims}] needs ${4 * n} bytes, raw_data has ${raw}`,
      );
    }
    data = new Float32Array(n);
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, raw);
    for (let i = 0; i < n; i++) data[i] = view.getFloat32(4 * i, true);
  } else {
    if (t.floatData.length !== n) {
      throw new FormatError(
        'size-mismatch',
        `${what}: shape [${dims}] needs ${n} floats, float_data has ${t.floatData.length}`,
      );
    }
    data = Float32Array.from(t.floatData);
  }
  return { dims, data };
}

/** An int64 as a number, clamped to the safe range: Slice writes INT64_MAX for "to the end". */
function clamped(v: number | bigint | { toNumber(): number }): number {
  const n = typeof v === 'object' ? v.toNumber() : Number(v);
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, Math.trunc(n)));
}

/** An int64 (or int32) tensor as numbers, for axes, indices and starts/ends. */
export function intTensor(t: TensorMsg, what: string): number[] {
  checkStored(t, what);
  const dims = tensorDims(t, what);
  const n = count(dims);
  if (n > 64) throw new FormatError('unsupported', `${what}: an index tensor of ${n} elements`);
  const raw = t.rawData?.length ?? 0;
  if (t.dataType === DT.INT64) {
    if (raw > 0) {
      if (raw !== 8 * n)
        throw new FormatError('size-mismatch', `${what}: raw_data has ${raw} bytes for ${n} int64`);
      const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, raw);
      return Array.from({ length: n }, (_, i) => clamped(view.getBigInt64(8 * i, true)));
    }
    if (t.int64Data.length !== n)
      throw new FormatError('size-mismatch', `${what}: ${t.int64Data.length} int64 for ${n}`);
    return t.int64Data.map(clamped);
  }
  if (t.dataType === DT.INT32) {
    if (raw > 0) {
      if (raw !== 4 * n)
        throw new FormatError('size-mismatch', `${what}: raw_data has ${raw} bytes for ${n} int32`);
      const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, raw);
      return Array.from({ length: n }, (_, i) => view.getInt32(4 * i, true));
    }
    if (t.int32Data.length !== n)
      throw new FormatError('size-mismatch', `${what}: ${t.int32Data.length} int32 for ${n}`);
    return [...t.int32Data];
  }
  throw new FormatError('unsupported', `${what}: data type ${t.dataType}, expected int64 (7) or int32 (6)`);
}

// NumPy arrays to a RawSet. Layouts read (docs/onnx.md, "Your own data"):
//  - features [N, T, F] (or one sequence [T, F]) under x / X / features / inputs / data, with
//    optional lengths [N] for padded sequences;
//  - or variable-length sequences arr_0, arr_1, ... (np.savez(f, *sequences, ...)), each [T_i, F];
//  - labels [N] under y / labels / label (class indices), or for regression targets under
//    y / targets of shape [N, T] or [N, T, outputs] (per frame).
// float arrays are real values; int8 arrays are activation codes already.
import { FormatError } from '../format/errors';
import type { NdArray } from './npy';
import type { RawSequence, RawSet } from './raw-set';

const FEATURE_KEYS = ['x', 'X', 'features', 'inputs', 'data'];
const LABEL_KEYS = ['y', 'Y', 'labels', 'label', 'targets'];

function bad(message: string): never {
  throw new FormatError('inconsistent', message);
}

function featureData(a: NdArray, what: string): Float32Array | Int8Array {
  if (a.kind === 'int')
    bad(`${what} has dtype ${a.dtype}; features must be float (real values) or int8 (activation codes)`);
  return a.data as Float32Array | Int8Array;
}

function labelAt(labels: NdArray | undefined, i: number): number {
  if (!labels) return -1;
  return labels.data[i];
}

function targetsOf(
  labels: NdArray | undefined,
  i: number,
  T: number,
  length: number,
): Float32Array | undefined {
  if (!labels || labels.shape.length < 2) return undefined;
  const outputs = labels.shape[2] ?? 1;
  const per = T * outputs;
  return Float32Array.from(labels.data.subarray(i * per, i * per + length * outputs));
}

function checkLabels(labels: NdArray | undefined, n: number, T: number | undefined): void {
  if (!labels) return;
  if (labels.shape[0] !== n)
    bad(`labels have shape (${labels.shape}), expected ${n} entries (one per sequence)`);
  if (labels.shape.length > 1 && (T === undefined || labels.shape[1] !== T || labels.shape.length > 3)) {
    bad(`targets have shape (${labels.shape}); per-frame targets need shape (${n}, ${T ?? 'T'}[, outputs])`);
  }
}

/** Sequences from a padded [N, T, F] (or [T, F]) array with optional lengths. */
function fromBlock(x: NdArray, labels: NdArray | undefined, lengths: NdArray | undefined): RawSet {
  const shape = x.shape.length === 2 ? [1, ...x.shape] : x.shape;
  if (shape.length !== 3) bad(`features have shape (${x.shape}); expected (N, T, F) or (T, F)`);
  const [N, T, F] = shape;
  const data = featureData(x, 'features');
  checkLabels(labels, N, T);
  if (lengths && (lengths.shape.length !== 1 || lengths.shape[0] !== N)) {
    bad(`lengths have shape (${lengths.shape}), expected (${N},)`);
  }
  const sequences: RawSequence[] = [];
  for (let i = 0; i < N; i++) {
    const length = lengths ? lengths.data[i] : T;
    if (!Number.isInteger(length) || length < 1 || length > T)
      bad(`sequence ${i} has length ${length}, outside 1-${T}`);
    sequences.push({
      id: `seq-${i}`,
      frames: data.subarray(i * T * F, (i * T + length) * F),
      length,
      label: labels && labels.shape.length === 1 ? labelAt(labels, i) : -1,
      targets: targetsOf(labels, i, T, length),
    });
  }
  return { features: F, sequences };
}

/** Sequences arr_0, arr_1, ... of their own lengths. */
function fromList(arrays: Map<string, NdArray>, labels: NdArray | undefined): RawSet {
  const seqs: NdArray[] = [];
  for (let i = 0; arrays.has(`arr_${i}`); i++) seqs.push(arrays.get(`arr_${i}`)!);
  const F = seqs[0].shape[1];
  if (labels && (labels.shape.length !== 1 || labels.shape[0] !== seqs.length)) {
    bad(
      `labels have shape (${labels.shape}), expected (${seqs.length},): one per sequence arr_0..arr_${seqs.length - 1}`,
    );
  }
  const sequences = seqs.map((a, i): RawSequence => {
    if (a.shape.length !== 2 || a.shape[1] !== F)
      bad(`arr_${i} has shape (${a.shape}); every sequence must be (T, ${F})`);
    if (a.shape[0] < 1) bad(`arr_${i} has no frames`);
    return {
      id: `seq-${i}`,
      frames: featureData(a, `arr_${i}`),
      length: a.shape[0],
      label: labelAt(labels, i),
    };
  });
  return { features: F, sequences };
}

function first(arrays: Map<string, NdArray>, keys: string[]): NdArray | undefined {
  for (const k of keys) if (arrays.has(k)) return arrays.get(k);
  return undefined;
}

/** The arrays of a .npz (or a lone .npy as { x }, with separately given labels as { y }). */
export function rawSetFromArrays(arrays: Map<string, NdArray>): RawSet {
  const labels = first(arrays, LABEL_KEYS);
  if (arrays.has('arr_0')) return fromList(arrays, labels);
  const x = first(arrays, FEATURE_KEYS);
  if (!x) {
    bad(
      `found arrays ${[...arrays.keys()].join(', ')}; expected features under ${FEATURE_KEYS.join('/')} or sequences arr_0, arr_1, ...`,
    );
  }
  return fromBlock(x, labels, arrays.get('lengths'));
}

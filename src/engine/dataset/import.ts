// Your own evaluation data (.npy, .npz, .csv) to a sample pack for a model: the format is told by
// its first bytes, never by a file name.
import { FormatError } from '../format/errors';
import { rawSetFromArrays } from './arrays';
import { type BuiltPack, buildPack, type PackTarget } from './build-pack';
import { parseCsv } from './csv';
import type { NdArray } from './npy';
import { parseNpy } from './npy';
import { isZip, parseNpz } from './npz';
import type { RawSet } from './raw-set';

export type DataKind = 'npy' | 'npz' | 'csv';

export function sniffData(bytes: Uint8Array): DataKind {
  if (bytes.length >= 6 && bytes[0] === 0x93 && String.fromCharCode(...bytes.subarray(1, 6)) === 'NUMPY')
    return 'npy';
  if (isZip(bytes)) return 'npz';
  return 'csv';
}

export interface DataSources {
  /** The data file. */
  data: Uint8Array;
  /** A separate .npy of labels or targets, for a .npy of features. */
  labels?: Uint8Array;
}

export function readRawSet(src: DataSources, task: PackTarget['task']): RawSet {
  const kind = sniffData(src.data);
  if (kind === 'csv') return parseCsv(src.data, task);
  const arrays: Map<string, NdArray> =
    kind === 'npz' ? parseNpz(src.data) : new Map([['x', parseNpy(src.data)]]);
  if (src.labels) arrays.set('y', parseNpy(src.labels));
  const set = rawSetFromArrays(arrays);
  const labelled = set.sequences.every((s) => (task.kind === 'classification' ? s.label >= 0 : s.targets));
  if (!labelled) {
    throw new FormatError(
      'inconsistent',
      kind === 'npy'
        ? 'a .npy holds only the features; give the labels too (a second .npy), or save both in one .npz: np.savez(f, x=x, y=y)'
        : `the .npz has no ${task.kind === 'classification' ? 'labels' : 'targets'} (y, labels or targets)`,
    );
  }
  return set;
}

export function importDataset(src: DataSources, target: PackTarget): BuiltPack {
  return buildPack(readRawSet(src, target.task), target);
}

// NumPy .npz archives (np.savez, np.savez_compressed): a zip of .npy files. Entries are inflated as a
// stream with a running count, so an entry that inflates past the limits (a zip bomb, or a size
// that lies) is stopped within one slice of output.
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { FormatError } from '../format/errors';
import { DATA_LIMITS } from './limits';
import { type NdArray, parseNpy } from './npy';

const SLICE = 65_536;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

export function parseNpz(bytes: Uint8Array): Map<string, NdArray> {
  if (bytes.length > DATA_LIMITS.maxFileBytes) {
    throw new FormatError(
      'too-large',
      `the .npz file has ${bytes.length} bytes, the limit is ${DATA_LIMITS.maxFileBytes}`,
    );
  }
  if (!isZip(bytes)) throw new FormatError('bad-magic', 'not a .npz file (it is not a zip archive)');
  const files = new Map<string, Uint8Array[]>();
  const done = new Set<string>();
  let total = 0;
  let failure: FormatError | null = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (!file.name.endsWith('.npy')) return;
    if (files.size >= DATA_LIMITS.maxArrays) {
      failure = new FormatError('too-large', `the .npz holds more than ${DATA_LIMITS.maxArrays} arrays`);
      return;
    }
    const name = file.name.slice(0, -4);
    if (files.has(name)) {
      failure = new FormatError('inconsistent', `the .npz holds "${file.name}" twice`);
      return;
    }
    const chunks: Uint8Array[] = [];
    files.set(name, chunks);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new FormatError('bad-compression', `"${file.name}" in the .npz is damaged: ${err.message}`);
        return;
      }
      total += chunk.length;
      if (total > DATA_LIMITS.maxFileBytes) {
        failure = new FormatError(
          'too-large',
          `the arrays of the .npz inflate to more than ${DATA_LIMITS.maxFileBytes} bytes`,
        );
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) done.add(name);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let pos = 0; pos < bytes.length && !failure; pos += SLICE) {
      const end = Math.min(pos + SLICE, bytes.length);
      unzip.push(bytes.subarray(pos, end), end === bytes.length);
    }
  } catch (e) {
    failure ??= new FormatError('bad-compression', `the .npz archive is damaged: ${(e as Error).message}`);
  }
  if (failure) throw failure;
  const out = new Map<string, NdArray>();
  for (const [name, chunks] of files) {
    if (!done.has(name)) throw new FormatError('truncated', `"${name}.npy" in the .npz is cut short`);
    const size = chunks.reduce((s, c) => s + c.length, 0);
    const whole = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      whole.set(c, at);
      at += c.length;
    }
    try {
      out.set(name, parseNpy(whole));
    } catch (e) {
      if (e instanceof FormatError) throw new FormatError(e.code, `"${name}.npy" in the .npz: ${e.message}`);
      throw e;
    }
  }
  if (out.size === 0) throw new FormatError('inconsistent', 'the .npz holds no .npy arrays');
  return out;
}

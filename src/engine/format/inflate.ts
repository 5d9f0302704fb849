// Deflate for the blob, with an inflate that cannot be tricked into producing more than it was told:
// the input is fed in small slices and inflation stops as soon as the output passes the declared size,
// so a "zip bomb" costs at most one slice's worth of output (about 1032 x SLICE bytes).
import { deflateSync, Inflate } from 'fflate';
import { FormatError } from './errors';

const SLICE = 4096;

export function deflateBlob(raw: Uint8Array): Uint8Array {
  return deflateSync(raw, { level: 6 });
}

export function inflateBlob(stored: Uint8Array, rawLength: number): Uint8Array {
  const out = new Uint8Array(rawLength);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > rawLength) {
      throw new FormatError(
        'bad-compression',
        `compressed blob inflates to more than the declared ${rawLength} bytes`,
      );
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let pos = 0; pos < stored.length; pos += SLICE) {
      const end = Math.min(pos + SLICE, stored.length);
      inflater.push(stored.subarray(pos, end), end === stored.length);
    }
    if (stored.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError('bad-compression', `compressed blob is corrupt (${(e as Error).message})`);
  }
  if (written !== rawLength) {
    throw new FormatError(
      'bad-compression',
      `compressed blob inflates to ${written} bytes, header declares ${rawLength}`,
    );
  }
  return out;
}

// Helpers that take a valid file apart and put it back together with changes, so tests can reach each
// check behind the checksum.
import {
  type ContainerKind,
  checksum,
  readContainer,
  writeContainer,
} from '../../../src/engine/format/container';
import { encodeModel } from '../../../src/engine/format/model';
import { randomModel } from '../../../src/engine/random-model';

// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary fields of JSON headers.
export type Json = Record<string, any>;

/** Rewrites a valid file: header and raw blob may be changed; the checksum is recomputed. */
export function rewrite(
  kind: ContainerKind,
  bytes: Uint8Array,
  change: { header?: (h: Json) => void; blob?: (b: Uint8Array) => Uint8Array | undefined; deflate?: boolean },
): Uint8Array {
  const c = readContainer(kind, bytes);
  const header = c.header as Json;
  change.header?.(header);
  const raw = c.blob().slice();
  const blob = change.blob?.(raw) ?? raw;
  const deflated =
    change.deflate ?? (new DataView(bytes.buffer, bytes.byteOffset).getUint16(6, true) & 1) === 1;
  return writeContainer(kind, header, blob, deflated ? 'deflate' : 'none');
}

/** Recomputes the CRC of damaged bytes so the damage reaches the parser behind it. */
export function reseal(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  if (out.length >= 24) new DataView(out.buffer).setUint32(20, checksum(out), true);
  return out;
}

export const smallModel = (seed = 1, readout: 'linear' | 'mlp' = 'linear') =>
  randomModel({ inputSize: 3, hiddenSizes: [4, 2], outputs: 3, seed, readout });

export const smallModelBytes = (seed = 1) => encodeModel(smallModel(seed));

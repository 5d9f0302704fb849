// The byte container shared by models and sample packs (docs/FORMAT.md):
//   0  magic (4 ASCII bytes)     4  u16 version     6  u16 flags (bit 0: blob is deflated)
//   8  u32 header bytes         12  u32 stored blob bytes   16  u32 raw blob bytes
//  20  u32 CRC-32 of bytes 0..19 followed by everything after the prelude
//  24  UTF-8 JSON header, zero-padded to a multiple of 4; then the blob; then nothing.
// All integers little-endian. Every size is checked against the file and LIMITS before use.
import { crc32 } from './crc32';
import { FormatError } from './errors';
import { deflateBlob, inflateBlob } from './inflate';
import { LIMITS } from './limits';

export const FORMAT_VERSION = 1;
export const PRELUDE_BYTES = 24;
const FLAG_DEFLATE = 1;

export type ContainerKind = 'model' | 'pack';

export const MAGIC: Record<ContainerKind, string> = { model: 'DLMF', pack: 'DLPK' };

const KIND_NAME: Record<ContainerKind, string> = { model: 'model', pack: 'sample pack' };

export type Compression = 'none' | 'deflate';

/** Default: models 'none' (float weights barely shrink, ~7%), packs 'deflate' (int8 frames shrink a lot). */
export interface EncodeOptions {
  compression?: Compression;
}

/** Arithmetic, not bit operations, so sizes past 2^31 stay correct and fail the limit checks. */
export const align4 = (n: number): number => Math.ceil(n / 4) * 4;

export function writeContainer(
  kind: ContainerKind,
  header: unknown,
  raw: Uint8Array,
  compression: Compression,
): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const flags = compression === 'deflate' ? FLAG_DEFLATE : 0;
  const stored = flags ? deflateBlob(raw) : raw;
  const blobStart = align4(PRELUDE_BYTES + json.length);
  const total = blobStart + stored.length;
  if (
    json.length > LIMITS.maxHeaderBytes ||
    raw.length > LIMITS.maxBlobBytes ||
    total > LIMITS.maxFileBytes
  ) {
    throw new FormatError('too-large', `${KIND_NAME[kind]} of ${total} bytes is over the format's limits`);
  }
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = MAGIC[kind].charCodeAt(i);
  view.setUint16(4, FORMAT_VERSION, true);
  view.setUint16(6, flags, true);
  view.setUint32(8, json.length, true);
  view.setUint32(12, stored.length, true);
  view.setUint32(16, raw.length, true);
  bytes.set(json, PRELUDE_BYTES);
  bytes.set(stored, blobStart);
  view.setUint32(20, checksum(bytes), true);
  return bytes;
}

/** CRC-32 over the whole file except the CRC field itself. */
export function checksum(bytes: Uint8Array): number {
  return crc32(bytes.subarray(PRELUDE_BYTES), crc32(bytes.subarray(0, 20)));
}

export interface Container {
  header: unknown;
  /** Declared size of the raw blob: check it against the header before calling blob(). */
  rawLength: number;
  /** The raw blob (inflated if it was compressed). */
  blob: () => Uint8Array;
}

export function toBytes(input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new FormatError('bad-input', 'expected the file as a Uint8Array or ArrayBuffer');
}

function magicAt(bytes: Uint8Array): string {
  return String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
}

function checkMagic(kind: ContainerKind, bytes: Uint8Array): void {
  if (bytes.length < 4) throw new FormatError('truncated', `file of ${bytes.length} bytes is too short`);
  const magic = magicAt(bytes);
  if (magic === MAGIC[kind]) return;
  const other: ContainerKind = kind === 'model' ? 'pack' : 'model';
  if (magic === MAGIC[other]) {
    throw new FormatError('bad-magic', `this file is a ${KIND_NAME[other]}, not a ${KIND_NAME[kind]}`);
  }
  throw new FormatError(
    'bad-magic',
    `not a DeltaLab ${KIND_NAME[kind]} file (expected magic ${MAGIC[kind]})`,
  );
}

export function readContainer(kind: ContainerKind, input: unknown): Container {
  const bytes = toBytes(input);
  checkMagic(kind, bytes);
  if (bytes.length < PRELUDE_BYTES) {
    throw new FormatError(
      'truncated',
      `file of ${bytes.length} bytes ends inside the ${PRELUDE_BYTES}-byte prelude`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== FORMAT_VERSION) {
    throw new FormatError(
      'bad-version',
      `format version ${version}; this reader understands ${FORMAT_VERSION}`,
    );
  }
  const flags = view.getUint16(6, true);
  if ((flags & ~FLAG_DEFLATE) !== 0) {
    throw new FormatError(
      'bad-version',
      `unknown flags 0x${flags.toString(16)} for format version ${version}`,
    );
  }
  const headerLength = view.getUint32(8, true);
  const storedLength = view.getUint32(12, true);
  const rawLength = view.getUint32(16, true);
  if (bytes.length > LIMITS.maxFileBytes) {
    throw new FormatError(
      'too-large',
      `file of ${bytes.length} bytes is over the ${LIMITS.maxFileBytes}-byte limit`,
    );
  }
  if (headerLength > LIMITS.maxHeaderBytes) {
    throw new FormatError(
      'too-large',
      `header of ${headerLength} bytes is over the ${LIMITS.maxHeaderBytes}-byte limit`,
    );
  }
  if (rawLength > LIMITS.maxBlobBytes) {
    throw new FormatError(
      'too-large',
      `blob of ${rawLength} bytes is over the ${LIMITS.maxBlobBytes}-byte limit`,
    );
  }
  const deflated = (flags & FLAG_DEFLATE) !== 0;
  if (!deflated && storedLength !== rawLength) {
    throw new FormatError(
      'size-mismatch',
      `uncompressed blob: stored size ${storedLength} differs from raw size ${rawLength}`,
    );
  }
  const blobStart = align4(PRELUDE_BYTES + headerLength);
  const expected = blobStart + storedLength;
  if (bytes.length < expected) {
    throw new FormatError('truncated', `file has ${bytes.length} bytes, its prelude says ${expected}`);
  }
  if (bytes.length > expected) {
    throw new FormatError(
      'size-mismatch',
      `file has ${bytes.length - expected} bytes after the end of its blob`,
    );
  }
  for (let i = PRELUDE_BYTES + headerLength; i < blobStart; i++) {
    if (bytes[i] !== 0) throw new FormatError('bad-header', 'non-zero padding after the header');
  }
  if (checksum(bytes) !== view.getUint32(20, true)) {
    throw new FormatError('bad-checksum', 'checksum mismatch: the file is damaged (CRC-32)');
  }
  const header = parseJsonHeader(bytes.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headerLength));
  const blobBytes = bytes.subarray(blobStart, expected);
  return {
    header,
    rawLength,
    blob: () => (deflated ? inflateBlob(blobBytes, rawLength) : blobBytes),
  };
}

function parseJsonHeader(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError('bad-header', 'header is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FormatError('bad-header', `header is not valid JSON (${(e as Error).message})`);
  }
}

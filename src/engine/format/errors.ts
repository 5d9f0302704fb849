// The one error type for every file or JSON that the lab reads from outside, so workers and the UI can
// tell "this file is wrong" (show the message) from a bug (report it).

export type FormatErrorCode =
  /** Not a Uint8Array/ArrayBuffer. */
  | 'bad-input'
  /** The first four bytes are not this kind of file. */
  | 'bad-magic'
  /** A format version or flag this reader does not know. */
  | 'bad-version'
  /** The file ends before the sizes in its prelude say it should. */
  | 'truncated'
  /** The file, header or blob is larger than the limits allow. */
  | 'too-large'
  /** Byte or element counts that disagree with each other. */
  | 'size-mismatch'
  /** The CRC-32 of header and blob does not match: the file was damaged. */
  | 'bad-checksum'
  /** The JSON header is not UTF-8, not JSON, or does not fit the schema. */
  | 'bad-header'
  /** The deflate stream of a compressed blob is corrupt or inflates to the wrong size. */
  | 'bad-compression'
  /** A dimension (layers, sizes, classes, items, sequence length) outside the limits. */
  | 'absurd-dimension'
  /** Well-formed parts that do not fit together (layer chain, readout, labels, item ranges, Qm.f). */
  | 'inconsistent'
  /** NaN or ±Infinity in weights or targets. */
  | 'non-finite'
  /** An imported file (ONNX, NumPy, CSV) whose bytes or text are not valid in their own format. */
  | 'bad-encoding'
  /** A valid ONNX file holding a node, attribute or shape DeltaLab does not model. */
  | 'unsupported'
  | 'bad-manifest'
  | 'bad-curve'
  | 'bad-report';

export class FormatError extends Error {
  readonly code: FormatErrorCode;

  constructor(code: FormatErrorCode, message: string) {
    super(message);
    this.name = 'FormatError';
    this.code = code;
  }
}

// The model and sample-pack formats and the parsers for every other outside input (docs/FORMAT.md).
export { type Compression, type EncodeOptions, FORMAT_VERSION, MAGIC } from './container';
export { parseCurve } from './curve';
export { FormatError, type FormatErrorCode } from './errors';
export { LIMITS } from './limits';
export { parseManifest } from './manifest';
export { decodeModel, encodeModel } from './model';
export { decodePack, encodePack } from './pack';
export { parseOperatingPoint } from './report';

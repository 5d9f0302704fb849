// Bytes to the decoded ONNX messages: the size is checked before anything is read.
import { FormatError } from '../format/errors';
import { ONNX_LIMITS } from './limits';
import { decodeProto } from './proto';
import type { GraphMsg, Int64, ModelMsg } from './schema';

export function asBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new FormatError('bad-input', 'expected a Uint8Array or ArrayBuffer');
}

/** An int64 field as a safe integer; anything larger is refused rather than rounded. */
export function num(v: Int64 | undefined | null, what: string): number {
  const n = v === undefined || v === null ? 0 : typeof v === 'number' ? v : v.toNumber();
  if (!Number.isSafeInteger(n)) throw new FormatError('absurd-dimension', `${what}: ${n} is out of range`);
  return n;
}

export function decodeOnnxMessage(input: Uint8Array | ArrayBuffer): ModelMsg & { graph: GraphMsg } {
  const bytes = asBytes(input);
  if (bytes.length > ONNX_LIMITS.maxFileBytes) {
    throw new FormatError(
      'too-large',
      `the ONNX file has ${bytes.length} bytes, the limit is ${ONNX_LIMITS.maxFileBytes}`,
    );
  }
  if (bytes.length === 0) throw new FormatError('truncated', 'the ONNX file is empty');
  const msg = decodeProto(bytes, 'ModelProto') as unknown as ModelMsg;
  if (!msg.graph) throw new FormatError('bad-encoding', 'not an ONNX model: it has no graph');
  const g = msg.graph;
  const count = g.node.length + g.initializer.length + g.input.length + g.output.length;
  if (count > ONNX_LIMITS.maxNodes) {
    throw new FormatError(
      'too-large',
      `the graph has ${count} entries, the limit is ${ONNX_LIMITS.maxNodes}`,
    );
  }
  return msg as ModelMsg & { graph: GraphMsg };
}

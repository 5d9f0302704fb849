// Protobuf decoding and encoding of the ONNX subset in schema.ts, on protobufjs's minimal runtime
// (Reader/Writer, the runtime of its static code). Reflection is avoided on purpose: it compiles
// decoders with `Function`, which the lab's Content-Security-Policy forbids. The decoder refuses
// groups and wrong wire types (protobufjs's skip would recurse into nested groups without bound),
// checks every length against its enclosing message, and counts messages and fields, so a file of
// millions of tiny messages is refused long before memory runs out.
import protobuf from 'protobufjs/minimal';
import { FormatError } from '../format/errors';
import { ONNX_LIMITS } from './limits';
import { type FieldSpec, MESSAGES, type MessageName } from './schema';

type Obj = Record<string, unknown>;

interface Budget {
  messages: number;
  fields: number;
}

const SCALAR_WIRE: Record<string, number> = { int64: 0, int32: 0, float: 5, string: 2, bytes: 2 };
const byId = new Map<MessageName, Map<number, FieldSpec>>(
  (Object.keys(MESSAGES) as MessageName[]).map((m) => [m, new Map(MESSAGES[m].map((s) => [s.id, s]))]),
);

function fail(message: string): never {
  throw new FormatError('bad-encoding', `not a valid ONNX (protobuf) file: ${message}`);
}

function isMessage(t: FieldSpec['type']): t is MessageName {
  return !(t in SCALAR_WIRE);
}

function fresh(type: MessageName): Obj {
  const o: Obj = {};
  for (const s of MESSAGES[type]) {
    if (s.repeated) o[s.name] = [];
    else if (s.type === 'string') o[s.name] = '';
    else if (s.type === 'bytes') o[s.name] = new Uint8Array(0);
    else if (!isMessage(s.type)) o[s.name] = 0;
  }
  return o;
}

function scalar(reader: protobuf.Reader, type: string): unknown {
  switch (type) {
    case 'int64':
      return reader.int64();
    case 'int32':
      return reader.int32();
    default:
      return reader.float();
  }
}

function decodeMessage(reader: protobuf.Reader, end: number, type: MessageName, budget: Budget): Obj {
  if (++budget.messages > ONNX_LIMITS.maxMessages) {
    throw new FormatError('too-large', `the file holds more than ${ONNX_LIMITS.maxMessages} messages`);
  }
  const obj = fresh(type);
  const fields = byId.get(type)!;
  while (reader.pos < end) {
    if (++budget.fields > ONNX_LIMITS.maxFields) {
      throw new FormatError('too-large', `the file holds more than ${ONNX_LIMITS.maxFields} fields`);
    }
    const tag = reader.uint32();
    const wire = tag & 7;
    const id = tag >>> 3;
    if (id === 0) fail(`field number 0 before byte ${reader.pos}`);
    if (wire === 3 || wire === 4 || wire > 5) fail(`wire type ${wire} before byte ${reader.pos}`);
    const spec = fields.get(id);
    const stop = wire === 2 ? reader.uint32() + reader.pos : -1;
    if (wire === 2 && stop > end) fail(`a field of ${stop - reader.pos} bytes runs past its message`);
    if (!spec) {
      if (wire === 2) reader.pos = stop;
      else reader.skipType(wire);
    } else if (isMessage(spec.type)) {
      if (wire !== 2) fail(`${type}.${spec.name} has wire type ${wire}`);
      const sub = decodeMessage(reader, stop, spec.type, budget);
      if (spec.repeated) (obj[spec.name] as unknown[]).push(sub);
      else obj[spec.name] = sub;
    } else if (spec.repeated && wire === 2 && SCALAR_WIRE[spec.type] !== 2) {
      // Packed numbers: each element is a field for the budget.
      const list = obj[spec.name] as unknown[];
      while (reader.pos < stop) {
        if (++budget.fields > ONNX_LIMITS.maxFields) {
          throw new FormatError('too-large', `the file holds more than ${ONNX_LIMITS.maxFields} fields`);
        }
        list.push(scalar(reader, spec.type));
      }
    } else {
      if (wire !== SCALAR_WIRE[spec.type]) fail(`${type}.${spec.name} has wire type ${wire}`);
      const v = wire === 2 ? text(reader, stop, spec.type) : scalar(reader, spec.type);
      if (spec.repeated) (obj[spec.name] as unknown[]).push(v);
      else obj[spec.name] = v;
    }
    if (reader.pos > end || (stop >= 0 && reader.pos !== stop))
      fail('a field does not end where its length says');
  }
  return obj;
}

const utf8 = new TextDecoder();

/** A string or bytes field whose length was read already: the bytes up to `stop` (copied). */
function text(reader: protobuf.Reader, stop: number, type: string): string | Uint8Array {
  const bytes = reader.buf.slice(reader.pos, stop);
  reader.pos = stop;
  return type === 'string' ? utf8.decode(bytes) : bytes;
}

/** Decodes a whole message; throws FormatError on anything malformed or over the limits. */
export function decodeProto(bytes: Uint8Array, type: MessageName): Obj {
  const reader = protobuf.Reader.create(bytes);
  try {
    return decodeMessage(reader, bytes.length, type, { messages: 0, fields: 0 });
  } catch (e) {
    if (e instanceof FormatError) throw e;
    // protobufjs throws RangeError when a varint or fixed field runs past the buffer.
    throw new FormatError('truncated', `the ONNX file ends inside a field (${(e as Error).message})`);
  }
}

function writeScalar(w: protobuf.Writer, type: string, v: unknown): void {
  switch (type) {
    case 'int64':
      w.int64(v as number);
      break;
    case 'int32':
      w.int32(v as number);
      break;
    case 'float':
      w.float(v as number);
      break;
    case 'string':
      w.string(v as string);
      break;
    default:
      w.bytes(v as Uint8Array);
  }
}

function encodeMessage(w: protobuf.Writer, obj: Obj, type: MessageName): void {
  for (const s of MESSAGES[type]) {
    const v = obj[s.name];
    if (v === undefined || v === null) continue;
    if (isMessage(s.type)) {
      for (const item of s.repeated ? (v as Obj[]) : [v as Obj]) {
        w.uint32((s.id << 3) | 2).fork();
        encodeMessage(w, item, s.type);
        w.ldelim();
      }
    } else if (s.repeated) {
      const list = v as unknown[];
      if (list.length === 0) continue;
      if (SCALAR_WIRE[s.type] === 2) {
        for (const item of list) writeScalar(w.uint32((s.id << 3) | 2), s.type, item);
      } else {
        w.uint32((s.id << 3) | 2).fork();
        for (const item of list) writeScalar(w, s.type, item);
        w.ldelim();
      }
    } else {
      // proto3: default values are not written.
      if (v === 0 || v === '' || (v instanceof Uint8Array && v.length === 0)) continue;
      writeScalar(w.uint32((s.id << 3) | SCALAR_WIRE[s.type]), s.type, v);
    }
  }
}

export function encodeProto(obj: Obj, type: MessageName): Uint8Array {
  const w = protobuf.Writer.create();
  encodeMessage(w, obj, type);
  // protobufjs hands back a Buffer in Node; a plain Uint8Array is the same everywhere.
  return new Uint8Array(w.finish());
}

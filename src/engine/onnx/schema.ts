// The part of onnx.proto (its field numbers) that DeltaLab reads and writes, as a table that
// proto.ts walks. Fields outside this subset are skipped when reading, so nested graphs (If/Loop
// bodies), sparse tensors and functions never reach memory; the subset has no recursive message,
// which bounds the nesting depth of what is decoded.
type Scalar = 'int64' | 'int32' | 'float' | 'string' | 'bytes';
export interface FieldSpec {
  id: number;
  name: string;
  type: Scalar | MessageName;
  repeated?: true;
}

const r = true as const;
const f = (id: number, name: string, type: FieldSpec['type'], repeated?: true): FieldSpec => ({
  id,
  name,
  type,
  repeated,
});

export const MESSAGES = {
  ModelProto: [
    f(1, 'irVersion', 'int64'),
    f(8, 'opsetImport', 'OperatorSetIdProto', r),
    f(2, 'producerName', 'string'),
    f(3, 'producerVersion', 'string'),
    f(4, 'domain', 'string'),
    f(5, 'modelVersion', 'int64'),
    f(6, 'docString', 'string'),
    f(7, 'graph', 'GraphProto'),
    f(14, 'metadataProps', 'StringStringEntryProto', r),
  ],
  OperatorSetIdProto: [f(1, 'domain', 'string'), f(2, 'version', 'int64')],
  StringStringEntryProto: [f(1, 'key', 'string'), f(2, 'value', 'string')],
  GraphProto: [
    f(1, 'node', 'NodeProto', r),
    f(2, 'name', 'string'),
    f(5, 'initializer', 'TensorProto', r),
    f(10, 'docString', 'string'),
    f(11, 'input', 'ValueInfoProto', r),
    f(12, 'output', 'ValueInfoProto', r),
  ],
  NodeProto: [
    f(1, 'input', 'string', r),
    f(2, 'output', 'string', r),
    f(3, 'name', 'string'),
    f(4, 'opType', 'string'),
    f(7, 'domain', 'string'),
    f(5, 'attribute', 'AttributeProto', r),
  ],
  AttributeProto: [
    f(1, 'name', 'string'),
    f(20, 'type', 'int32'),
    f(2, 'f', 'float'),
    f(3, 'i', 'int64'),
    f(4, 's', 'bytes'),
    f(5, 't', 'TensorProto'),
    f(7, 'floats', 'float', r),
    f(8, 'ints', 'int64', r),
    f(9, 'strings', 'bytes', r),
  ],
  TensorProto: [
    f(1, 'dims', 'int64', r),
    f(2, 'dataType', 'int32'),
    f(4, 'floatData', 'float', r),
    f(5, 'int32Data', 'int32', r),
    f(7, 'int64Data', 'int64', r),
    f(8, 'name', 'string'),
    f(9, 'rawData', 'bytes'),
    f(14, 'dataLocation', 'int32'),
  ],
  ValueInfoProto: [f(1, 'name', 'string'), f(2, 'type', 'TypeProto')],
  TypeProto: [f(1, 'tensorType', 'TypeProtoTensor')],
  TypeProtoTensor: [f(1, 'elemType', 'int32'), f(2, 'shape', 'TensorShapeProto')],
  TensorShapeProto: [f(1, 'dim', 'Dimension', r)],
  Dimension: [f(1, 'dimValue', 'int64'), f(2, 'dimParam', 'string')],
} satisfies Record<string, FieldSpec[]>;

export type MessageName =
  | 'ModelProto'
  | 'OperatorSetIdProto'
  | 'StringStringEntryProto'
  | 'GraphProto'
  | 'NodeProto'
  | 'AttributeProto'
  | 'TensorProto'
  | 'ValueInfoProto'
  | 'TypeProto'
  | 'TypeProtoTensor'
  | 'TensorShapeProto'
  | 'Dimension';

/** ONNX TensorProto.DataType values used here. */
export const DT = { FLOAT: 1, INT8: 3, INT32: 6, INT64: 7 } as const;
/** AttributeProto.AttributeType values used here. */
export const AT = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

// Plain shapes of decoded messages (int64 fields arrive as numbers or Long objects: see num()).
export type Int64 = number | { toNumber(): number; low: number; high: number };

export interface TensorMsg {
  dims: Int64[];
  dataType: number;
  floatData: number[];
  int32Data: number[];
  int64Data: Int64[];
  name: string;
  rawData: Uint8Array;
  dataLocation: number;
}

export interface AttributeMsg {
  name: string;
  type: number;
  f: number;
  i: Int64;
  s: Uint8Array;
  t?: TensorMsg | null;
  floats: number[];
  ints: Int64[];
  strings: Uint8Array[];
}

export interface NodeMsg {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  domain: string;
  attribute: AttributeMsg[];
}

export interface DimMsg {
  dimValue?: Int64;
  dimParam?: string;
}

export interface ValueInfoMsg {
  name: string;
  type?: { tensorType?: { elemType: number; shape?: { dim: DimMsg[] } | null } | null } | null;
}

export interface GraphMsg {
  node: NodeMsg[];
  name: string;
  initializer: TensorMsg[];
  docString: string;
  input: ValueInfoMsg[];
  output: ValueInfoMsg[];
}

export interface ModelMsg {
  irVersion: Int64;
  opsetImport: { domain: string; version: Int64 }[];
  producerName: string;
  producerVersion: string;
  graph?: GraphMsg | null;
  metadataProps: { key: string; value: string }[];
  docString: string;
}

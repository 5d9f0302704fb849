// Hand-made ONNX files for the import tests: a tiny graph builder over the same protobuf schema.
import { encodeProto } from '../../../src/engine/onnx/proto';
import { AT, DT } from '../../../src/engine/onnx/schema';

export type Attr = number | string | number[] | string[] | { tensor: TensorSpec } | { float: number };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<string, Attr>;
}

export interface TensorSpec {
  name?: string;
  dims: number[];
  floats?: Float32Array | number[];
  ints?: number[];
}

export interface GraphSpec {
  nodes: NodeSpec[];
  inits?: TensorSpec[];
  input?: { name: string; dims: (number | string)[] };
  extraInputs?: string[];
  outputs?: string[];
  meta?: { key: string; value: string }[];
}

function tensor(t: TensorSpec) {
  if (t.ints) return { name: t.name ?? '', dims: t.dims, dataType: DT.INT64, int64Data: t.ints };
  return { name: t.name ?? '', dims: t.dims, dataType: DT.FLOAT, floatData: Array.from(t.floats ?? []) };
}

const enc = new TextEncoder();

function attr(name: string, v: Attr) {
  if (typeof v === 'number') return { name, type: AT.INT, i: v };
  if (typeof v === 'string') return { name, type: AT.STRING, s: enc.encode(v) };
  if (Array.isArray(v)) {
    return typeof v[0] === 'string'
      ? { name, type: AT.STRINGS, strings: (v as string[]).map((s) => enc.encode(s)) }
      : { name, type: AT.INTS, ints: v };
  }
  if ('float' in v) return { name, type: AT.FLOAT, f: v.float };
  return { name, type: AT.TENSOR, t: tensor(v.tensor) };
}

function info(name: string, dims?: (number | string)[]) {
  if (!dims) return { name, type: { tensorType: { elemType: DT.FLOAT } } };
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: DT.FLOAT, shape: { dim } } } };
}

export function onnxFile(g: GraphSpec): Uint8Array {
  return encodeProto(
    {
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: 'test',
      graph: {
        name: 'test-graph',
        node: g.nodes.map((n, k) => ({
          name: n.name ?? `${n.op.toLowerCase()}${k}`,
          opType: n.op,
          domain: n.domain ?? '',
          input: n.inputs,
          output: n.outputs,
          attribute: Object.entries(n.attrs ?? {}).map(([key, v]) => attr(key, v)),
        })),
        initializer: (g.inits ?? []).map(tensor),
        input: [
          info(g.input?.name ?? 'x', g.input?.dims ?? ['T', 'N', 4]),
          ...(g.extraInputs ?? []).map((n) => info(n, [1])),
        ],
        output: (g.outputs ?? ['y']).map((n) => info(n)),
      },
      metadataProps: g.meta ?? [],
    },
    'ModelProto',
  );
}

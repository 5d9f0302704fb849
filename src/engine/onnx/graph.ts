// Maps an ONNX graph onto DeltaLab's network: stacked forward GRUs (linear_before_reset = 1) and a
// Gemm or MatMul+Add readout with an optional Relu between two. The walk starts at the graph output
// and asks of each tensor what it means (values.ts); nodes that only feed shapes (PyTorch's
// Shape/Gather/ConstantOfShape chain for a zero h0) are never visited. Anything else is refused with
// the node, attribute or shape named.
import type { CnnLayer } from '../cnn/types';
import { FormatError } from '../format/errors';
import type { DenseLayer, GruLayer } from '../types';
import { attributes, nodeLabel, unsupported } from './nodes';
import { OPS } from './ops';
import type { GraphMsg, NodeMsg, TensorMsg } from './schema';
import { floatTensor, intTensor } from './tensor-data';
import { type Axis, axesText, type ReadoutValue, type SeqValue, type Value } from './values';
import { ZERO_OPS } from './zero';

/** Deeper chains than this are not a GRU network, and recursing further could exhaust the stack. */
const MAX_DEPTH = 200;

export interface ImportedNet {
  layers: GruLayer[];
  readout: { kind: 'linear' | 'mlp'; layers: DenseLayer[] };
  outputAt: 'last' | 'every';
  /** CNN layers with weights; their fixed-point formats are placeholders until import.ts sets them. */
  cnn?: CnnLayer[];
}

export class GraphWalk {
  readonly initializers = new Map<string, TensorMsg>();
  readonly producers = new Map<string, { node: NodeMsg; index: number }>();
  readonly layers = new Map<number, { node: NodeMsg; layer: GruLayer }>();
  /** The CNN front end the first GRU reads through, when there is one. */
  cnn: CnnLayer[] | undefined;
  private readonly inputName: string;
  private readonly memo = new Map<NodeMsg, Value[] | 'busy'>();
  private depth = 0;

  constructor(readonly graph: GraphMsg) {
    for (const t of graph.initializer) this.initializers.set(t.name, t);
    for (const node of graph.node) {
      node.output.forEach((name, index) => {
        if (!name) return;
        if (this.producers.has(name) || this.initializers.has(name)) {
          throw new FormatError('bad-encoding', `tensor "${name}" is produced twice`);
        }
        this.producers.set(name, { node, index });
      });
    }
    const inputs = graph.input.filter((v) => !this.initializers.has(v.name));
    if (inputs.length !== 1) {
      throw new FormatError(
        'unsupported',
        `the graph has ${inputs.length} data inputs (${inputs.map((v) => v.name).join(', ')}); DeltaLab takes one feature sequence`,
      );
    }
    this.inputName = inputs[0].name;
    const elem = inputs[0].type?.tensorType?.elemType;
    if (elem !== undefined && elem !== 1) {
      throw new FormatError(
        'unsupported',
        `graph input "${this.inputName}" has element type ${elem}, not float32`,
      );
    }
    if (graph.output.length === 0) throw new FormatError('unsupported', 'the graph has no output');
  }

  /** The constant tensor behind a name (an initializer or a Constant node), or undefined. */
  constant(name: string): TensorMsg | undefined {
    const init = this.initializers.get(name);
    if (init) return init;
    const p = this.producers.get(name);
    if (p?.node.opType === 'Constant' && p.index === 0) {
      const attrs = attributes(p.node, ['value']);
      const t = attrs.get('value')?.t;
      if (!t) unsupported(p.node, 'only a tensor "value" is supported');
      return t;
    }
    return undefined;
  }

  floats(node: NodeMsg, name: string, what: string) {
    const t = this.constant(name);
    if (!t) unsupported(node, `${what} ("${name}") must be a constant initializer`);
    return floatTensor(t, `${nodeLabel(node)} ${what}`);
  }

  ints(node: NodeMsg, name: string, what: string): number[] {
    const t = this.constant(name);
    if (!t) unsupported(node, `${what} ("${name}") must be a constant`);
    return intTensor(t, `${nodeLabel(node)} ${what}`);
  }

  /** Whether a tensor is all zeros, following only value-preserving ops back to a constant. */
  isZero(name: string, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false;
    const t = this.constant(name);
    if (t) return t.dataType === 1 && floatTensor(t, `tensor "${name}"`).data.every((v) => v === 0);
    const p = this.producers.get(name);
    if (!p) return false;
    const rule = ZERO_OPS[p.node.opType];
    return rule ? rule(this, p.node, depth + 1) : false;
  }

  value(name: string): Value {
    if (name === this.inputName) {
      const axes = this.inputAxes();
      if (axes === 'frames') return { k: 'image', stage: 'raw', layers: [], flat: false };
      return { k: 'seq', src: -1, axes, size: 0, last: false };
    }
    if (this.constant(name)) return { k: 'const', name };
    const p = this.producers.get(name);
    if (!p)
      throw new FormatError('unsupported', `tensor "${name}" is neither an input nor produced by a node`);
    return this.run(p.node)[p.index] ?? unsupported(p.node, `output ${p.index} is not supported`);
  }

  /** The input's axes, or 'frames' for pixel frames [time, 1, height, width] (a CNN front end). */
  private inputAxes(): Axis[] | 'frames' {
    const dims = this.graph.input.find((v) => v.name === this.inputName)?.type?.tensorType?.shape?.dim;
    const rank = dims?.length ?? 3;
    if (rank === 3) return ['A', 'B', 'F'];
    if (rank === 2) return ['A', 'F'];
    if (rank === 4) return 'frames';
    throw new FormatError(
      'unsupported',
      `graph input "${this.inputName}" has rank ${rank}; expected [time, batch, features]`,
    );
  }

  private run(node: NodeMsg): Value[] {
    const done = this.memo.get(node);
    if (done === 'busy') throw new FormatError('bad-encoding', `${nodeLabel(node)} is part of a cycle`);
    if (done) return done;
    if (node.domain && node.domain !== 'ai.onnx')
      unsupported(node, `operator domain "${node.domain}" is not supported`);
    const op = OPS[node.opType];
    if (!op) {
      unsupported(
        node,
        `operator ${node.opType} is not supported (DeltaLab imports GRU, Gemm, MatMul, Add, Relu and shape glue)`,
      );
    }
    if (++this.depth > MAX_DEPTH) unsupported(node, `the graph is deeper than ${MAX_DEPTH} nodes`);
    this.memo.set(node, 'busy');
    const out = op(this, node);
    this.depth--;
    this.memo.set(node, out);
    return out;
  }

  /** The network behind the first graph output. */
  network(): ImportedNet {
    const outName = this.graph.output[0].name;
    const v = this.value(outName);
    if (v.k !== 'readout') {
      throw new FormatError(
        'unsupported',
        `graph output "${outName}" is not a readout of the top GRU layer (expected Gemm or MatMul+Add after the GRU)`,
      );
    }
    return this.finish(v, outName);
  }

  private finish(v: ReadoutValue, outName: string): ImportedNet {
    if (v.relu)
      throw new FormatError(
        'unsupported',
        `graph output "${outName}" ends in a Relu; DeltaLab readouts end in a linear layer`,
      );
    if (v.axes.includes('T') === v.last) {
      throw new FormatError(
        'unsupported',
        `graph output "${outName}" has axes ${axesText(v.axes)}; cannot tell one output per sequence from one per step`,
      );
    }
    const layers: GruLayer[] = [];
    for (let l = 0; l <= v.src; l++) {
      const g = this.layers.get(l);
      if (!g) throw new FormatError('unsupported', `GRU layer ${l} is missing`);
      layers.push(g.layer);
    }
    const readout = v.stages.map((s) => ({
      inSize: s.inSize,
      outSize: s.outSize,
      weight: s.weight,
      bias: s.bias,
    }));
    return {
      layers,
      readout: { kind: readout.length === 2 ? 'mlp' : 'linear', layers: readout },
      outputAt: v.last ? 'last' : 'every',
      ...(this.cnn && { cnn: this.cnn }),
    };
  }

  /** Data input `i` of a node as a sequence value, or a refusal naming it. */
  seqInput(node: NodeMsg, i: number): SeqValue {
    const v = this.value(node.input[i] ?? '');
    if (v.k !== 'seq')
      unsupported(node, `input ${i} ("${node.input[i]}") should be a sequence of features, not a ${v.k}`);
    return v;
  }
}

// Turns a Model into what the hot loop reads: weights transposed to column-major per gate block
// (so a fired input reads one contiguous column of 3H weights) and, in fixed mode, quantized.
import {
  buildTables,
  type GateTables,
  quantize,
  roundBias,
  type SatCounter,
  signedMax,
  signedMin,
} from './fixed';
import type { FixedPointSpec, GruLayer, Model, NumericMode } from './types';

export interface CompiledLayer {
  inputSize: number;
  hiddenSize: number;
  /** Column i of W_ih at [i * 3H, (i + 1) * 3H): rows r, z, n. Integer codes in fixed mode. */
  wX: Float32Array;
  /** Column j of W_hh at [j * 3H, (j + 1) * 3H): rows r, z, n. */
  wH: Float32Array;
  /**
   * wX then wH in one buffer (wX and wH are views of it): column I + j is hidden column j. The
   * delta step adds the r, z rows of fired inputs and fired hidden units in one run of passes.
   */
  w: Float32Array;
  /** Initial accumulators [M_r | M_z | M_nx | M_nh] (4H): the biases, in accumulator units. */
  acc0: Float64Array;
  /**
   * Fixed point: whether some accumulator can reach the accumulator limits. Without saturation an
   * accumulator equals bias + W·x̂ (+ U·ĥ) with |codes| <= 128, so when that bound stays inside the
   * range for every row, the per-step clamp is a proven no-op and is skipped.
   */
  canSaturate: boolean;
}

/** Constants of the fixed-point gate math, precomputed so the hot loop only multiplies and floors. */
export interface FixedArith {
  spec: FixedPointSpec;
  tables: GateTables;
  /** Added before Math.floor (see roundBias). */
  bias: number;
  accMin: number;
  accMax: number;
  /** Accumulator units (2^-(f+wf)) to table index units (2^-tableInputFrac). */
  accToIndex: number;
  /** 2^-gateFrac: divides a product of two gate-format numbers back to one. */
  gateInv: number;
  /** Activation codes (2^-f) to gate units (2^-g) and back. */
  actToGate: number;
  gateToAct: number;
  /**
   * Step 4 in int32 shifts (gatesFixed's fast path): set when gateFrac >= fracBits and the largest
   * product z · (h_g − n) fits in int32, so the shifts give exactly the floors of the general path.
   */
  intTail: boolean;
}

export interface CompiledModel {
  model: Model;
  mode: NumericMode;
  layers: CompiledLayer[];
  inputSize: number;
  outputs: number;
  classification: boolean;
  /** Real value of one unit of x, x̂, h, ĥ: 2^-f in fixed mode, 1 in float mode. */
  valueScale: number;
  /** Activation code (as in sample packs) to state units: 1 in fixed mode, 2^-f in float mode. */
  codeScale: number;
  /** Real value of one accumulator unit: 2^-(f+wf) in fixed mode, 1 in float mode. */
  accScale: number;
  /** Θ (in activation LSBs) times this gives the firing threshold in state units. */
  thetaScale: number;
  fixed: FixedArith | null;
  /** Weights and biases clamped while quantizing (0 in float mode). */
  weightSaturations: number;
}

/** Transposes a 3H x n row-major matrix to n columns of 3H, mapping each weight through q. */
function columns(w: Float32Array, rows: number, n: number, q: (v: number) => number): Float32Array {
  const out = new Float32Array(rows * n);
  for (let row = 0; row < rows; row++) {
    for (let i = 0; i < n; i++) out[i * rows + row] = q(w[row * n + i]);
  }
  return out;
}

function compileLayer(
  layer: GruLayer,
  qw: (v: number) => number,
  qb: (v: number) => number,
  accMax: number,
): CompiledLayer {
  const { inputSize: I, hiddenSize: H } = layer;
  const acc0 = new Float64Array(4 * H);
  for (let j = 0; j < H; j++) {
    acc0[j] = qb(layer.bIh[j]) + qb(layer.bHh[j]);
    acc0[H + j] = qb(layer.bIh[H + j]) + qb(layer.bHh[H + j]);
    acc0[2 * H + j] = qb(layer.bIh[2 * H + j]);
    acc0[3 * H + j] = qb(layer.bHh[2 * H + j]);
  }
  const w = new Float32Array(3 * H * (I + H));
  w.set(columns(layer.wIh, 3 * H, I, qw));
  w.set(columns(layer.wHh, 3 * H, H, qw), 3 * H * I);
  const wX = w.subarray(0, 3 * H * I);
  const wH = w.subarray(3 * H * I);
  return { inputSize: I, hiddenSize: H, wX, wH, w, acc0, canSaturate: accBound(wX, wH, acc0, I, H) > accMax };
}

/** The largest |accumulator| possible without saturation: |bias| + 128 · Σ |fan-in weights| per row. */
function accBound(wX: Float32Array, wH: Float32Array, acc0: Float64Array, I: number, H: number): number {
  const H3 = 3 * H;
  const sum = new Float64Array(4 * H);
  for (let i = 0; i < I; i++) for (let r = 0; r < H3; r++) sum[r] += Math.abs(wX[i * H3 + r]);
  for (let j = 0; j < H; j++) {
    for (let r = 0; r < 2 * H; r++) sum[r] += Math.abs(wH[j * H3 + r]);
    for (let r = 0; r < H; r++) sum[H3 + r] += Math.abs(wH[j * H3 + 2 * H + r]);
  }
  let bound = 0;
  for (let k = 0; k < 4 * H; k++) bound = Math.max(bound, Math.abs(acc0[k]) + 128 * sum[k]);
  return bound;
}

/** |z| <= 2^g, |h_g| <= 128 · 2^(g−f), |n| <= 2^g: the bound of z · (h_g − n) + rounding. */
function intTailFits(spec: FixedPointSpec): boolean {
  const g = spec.gateFrac;
  const ga = g - spec.activation.fracBits;
  return ga >= 0 && 2 ** g * (128 * 2 ** ga + 2 ** g) + 2 ** g < 2 ** 31;
}

function fixedArith(spec: FixedPointSpec): FixedArith {
  const f = spec.activation.fracBits;
  return {
    spec,
    tables: buildTables(spec),
    bias: roundBias(spec.rounding),
    accMin: signedMin(spec.accumulatorBits),
    accMax: signedMax(spec.accumulatorBits),
    accToIndex: 2 ** (spec.tableInputFrac - f - spec.weightFrac),
    gateInv: 2 ** -spec.gateFrac,
    actToGate: 2 ** (spec.gateFrac - f),
    gateToAct: 2 ** (f - spec.gateFrac),
    intTail: intTailFits(spec),
  };
}

export function compileModel(model: Model, mode: NumericMode): CompiledModel {
  if (model.layers.length === 0) throw new Error('compileModel: the model has no GRU layers');
  const spec = model.fixedPoint;
  const f = spec.activation.fracBits;
  const sat: SatCounter = { count: 0 };
  const fixed = mode === 'fixed';
  const accFrac = f + spec.weightFrac;
  const qw = fixed
    ? (v: number) => quantize(v, spec.weightFrac, spec.weightBits, spec.rounding, sat)
    : (v: number) => v;
  // Biases are quantized one by one (as a file would store them) and summed into M_r, M_z.
  const qb = fixed
    ? (v: number) => quantize(v, accFrac, spec.accumulatorBits, spec.rounding, sat)
    : (v: number) => v;
  const readout = model.readout.layers;
  return {
    model,
    mode,
    // Float accumulators have no limit to reach.
    layers: model.layers.map((l) =>
      compileLayer(l, qw, qb, fixed ? signedMax(spec.accumulatorBits) : Infinity),
    ),
    inputSize: model.layers[0].inputSize,
    outputs: readout[readout.length - 1].outSize,
    classification: model.task.kind === 'classification',
    valueScale: fixed ? 2 ** -f : 1,
    codeScale: fixed ? 1 : 2 ** -f,
    accScale: fixed ? 2 ** -accFrac : 1,
    thetaScale: fixed ? 1 : 2 ** -f,
    fixed: fixed ? fixedArith(spec) : null,
    weightSaturations: sat.count,
  };
}

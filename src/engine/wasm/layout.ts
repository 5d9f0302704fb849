// One kernel instance per compiled fixed-point model: its own memory holding the i16 column-major
// weights (rows r, z, n, each padded to Hp = H rounded up to 8), biases, tables and the state,
// laid out with the header fields that assembly/kernels.ts reads (offsets must match there).
import type { CompiledLayer, CompiledModel } from '../compile';

const M_LAYER0 = 64;
const LAYER_BYTES = 128;
/** Layer header field offsets in i32 units (assembly/kernels.ts L_*). */
export const LF = {
  I: 0,
  H: 1,
  HP: 2,
  IP: 3,
  W: 4,
  ACC0: 5,
  ACC: 6,
  ACC64: 7,
  CANSAT: 8,
  XHAT: 9,
  HHAT: 10,
  HCUR: 11,
  IDX: 12,
  D: 13,
  THX: 14,
  THH: 15,
  NX: 16,
  NH: 17,
  /** f64 counters from byte 72: steps, firedX, firedH, accSat, actSat (f64 units from 9). */
  COUNTERS_F64: 9,
  NARROW: 28,
  WBLOCKS: 29,
  DP: 30,
} as const;

/**
 * Whether every accumulator of the layer stays below 2^29 in magnitude (|bias| + 128 · Σ|fan-in
 * weights| where nothing saturates, else the accumulator range) and gateFrac <= 15: then gatesSimd
 * computes n's pre-activation in i32 lanes exactly.
 */
function narrowAccumulators(cm: CompiledModel, L: CompiledLayer): boolean {
  const spec = cm.model.fixedPoint;
  if (spec.gateFrac > 15) return false;
  if (L.canSaturate) return spec.accumulatorBits <= 30;
  const H = L.hiddenSize;
  const H3 = 3 * H;
  const sum = new Float64Array(4 * H);
  for (let c = 0; c < L.inputSize + H; c++) {
    const hidden = c >= L.inputSize;
    for (let r = 0; r < H3; r++) sum[hidden && r >= 2 * H ? r + H : r] += Math.abs(L.w[c * H3 + r]);
  }
  let bound = 0;
  for (let k = 0; k < 4 * H; k++) bound = Math.max(bound, Math.abs(L.acc0[k]) + 128 * sum[k]);
  return bound < 2 ** 29;
}

/**
 * The readout descriptor (assembly/kernels.ts R_*), in i32 units: the layer count, then per readout
 * layer k (at most 2) its in size, out size, f32 weights and f32 biases; the f64 results' buffers;
 * the h codes' scale as an f64 (in f64 units).
 */
const RO = { LAYERS: 0, LAYER0: 1, PER_LAYER: 4, MID: 9, OUT: 10, SCALE_F64: 6, BYTES: 56 } as const;

export interface KernelLayer {
  /** Byte offset of the layer header. */
  header: number;
  I: number;
  H: number;
  Hp: number;
  canSat: boolean;
  xHat: number;
  hHat: number;
  h: number;
  acc: number;
}

export interface KernelModel {
  memory: WebAssembly.Memory;
  run: (m: number, frames: number, T: number, dense: number, hist: number, fresh: number) => void;
  /** The readout on the top layer's h into `readoutOut` (and the mlp's hidden layer into `readoutMid`). */
  readout: (m: number) => void;
  /** Byte offsets of the readout's f64 results. */
  readoutOut: number;
  readoutMid: number;
  layers: KernelLayer[];
  /** Start of the growable area: frames (i8), then the top layer's h history (i8). */
  free: number;
}

const up = (n: number, k: number) => Math.ceil(n / k) * k;

class Bump {
  at = M_LAYER0;
  take(bytes: number): number {
    const p = up(this.at, 16);
    this.at = p + up(bytes, 16);
    return p;
  }
}

/** Ensures the memory holds `bytes` bytes. */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
}

function writeWeights(i16: Int16Array, at: number, L: CompiledLayer, Hp: number): void {
  const H = L.hiddenSize;
  const H3 = 3 * H;
  const cols = L.inputSize + H;
  for (let c = 0; c < cols; c++) {
    const src = c * H3;
    const dst = at / 2 + c * 3 * Hp;
    for (let g = 0; g < 3; g++) {
      for (let j = 0; j < H; j++) i16[dst + g * Hp + j] = L.w[src + g * H + j];
    }
  }
}

/**
 * The dense path's copy: column pairs (the x columns, then the h columns, an odd count pairing the
 * last with zeros) with their rows interleaved, (w[2p][r], w[2p + 1][r]), cut into blocks of 8 of
 * the 3·Hp rows; block b holds every pair's 8 rows, pair after pair (32 bytes each), so a block's
 * dot products read one contiguous run.
 */
function writeBlocks(i16: Int16Array, at: number, L: CompiledLayer, Hp: number): void {
  const H = L.hiddenSize;
  const H3 = 3 * H;
  const I = L.inputSize;
  const cols: number[] = [];
  for (const [first, count] of [
    [0, I],
    [I, H],
  ]) {
    for (let k = 0; k < count; k += 2) cols.push(first + k, k + 1 < count ? first + k + 1 : -1);
  }
  const pairs = cols.length / 2;
  for (let b = 0; b < (3 * Hp) / 8; b++) {
    for (let p = 0; p < pairs; p++) {
      const base = at / 2 + (b * pairs + p) * 16;
      for (let r = 0; r < 8; r++) {
        const g = Math.floor((8 * b + r) / Hp);
        const j = (8 * b + r) % Hp;
        if (j >= H) continue;
        for (let side = 0; side < 2; side++) {
          const c = cols[2 * p + side];
          if (c >= 0) i16[base + r * 2 + side] = L.w[c * H3 + g * H + j];
        }
      }
    }
  }
}

/**
 * The firing tests' left-pack (assembly/kernels.ts fire): for each 4-bit lane mask, an i8x16
 * swizzle that moves the bytes of the set i32 lanes, in order, to the front (the rest read lane 0).
 */
function writePackSwizzles(u8: Uint8Array, at: number): void {
  for (let bits = 0; bits < 16; bits++) {
    let k = 0;
    for (let lane = 0; lane < 4; lane++) {
      if (!(bits & (1 << lane))) continue;
      for (let b = 0; b < 4; b++) u8[at + bits * 16 + k * 4 + b] = lane * 4 + b;
      k++;
    }
    for (; k < 4; k++) for (let b = 0; b < 4; b++) u8[at + bits * 16 + k * 4 + b] = b;
  }
}

export function createKernelModel(module: WebAssembly.Module, cm: CompiledModel): KernelModel {
  const fx = cm.fixed;
  if (!fx) throw new Error('the kernels run fixed-point models only');
  const instance = new WebAssembly.Instance(module, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const run = instance.exports.run as KernelModel['run'];
  const bump = new Bump();
  bump.at = M_LAYER0 + cm.layers.length * LAYER_BYTES;
  const plan = cm.layers.map((L) => {
    const I = L.inputSize;
    const H = L.hiddenSize;
    const Hp = up(H, 8);
    const Ip = up(I, 4);
    const canSat = L.canSaturate;
    return {
      L,
      I,
      H,
      Hp,
      Ip,
      canSat,
      w: bump.take((I + H) * 3 * Hp * 2),
      // The dense path's blocked copy (not for layers whose accumulators can saturate).
      wBlocks: canSat ? 0 : bump.take((Math.ceil(I / 2) + Math.ceil(H / 2)) * 3 * Hp * 4),
      acc0: bump.take(4 * Hp * (canSat ? 8 : 4)),
      acc: bump.take(4 * Hp * 4),
      acc64: canSat ? bump.take(4 * Hp * 8) : 0,
      xHat: bump.take(Ip * 4),
      hHat: bump.take(Hp * 4),
      h: bump.take(Hp * 4),
      // Room for the two pads and the three slots fire() may store past the last fired one.
      idx: bump.take((Ip + Hp + 8) * 4),
      d: bump.take((Ip + Hp + 8) * 4),
      // A delta step's deltas as packed pairs for the blocked product (with wBlocks).
      dp: canSat ? 0 : bump.take((Math.ceil(I / 2) + Math.ceil(H / 2)) * 4),
    };
  });
  const size = fx.tables.sigmoid.length;
  const sig = bump.take(size * 4);
  const tanh = bump.take(size * 4);
  const x0 = bump.take(plan[0].Ip * 4);
  const pack = bump.take(16 * 16);
  const ro = cm.model.readout.layers;
  const roDesc = bump.take(RO.BYTES);
  const roW = ro.map((d) => bump.take(d.inSize * d.outSize * 4));
  const roB = ro.map((d) => bump.take(d.outSize * 4));
  const roMid = bump.take(ro.length > 1 ? ro[0].outSize * 8 : 0);
  const roOut = bump.take(ro[ro.length - 1].outSize * 8);
  ensureMemory(memory, bump.at);
  const buf = memory.buffer;
  const i32 = new Int32Array(buf);
  const i16 = new Int16Array(buf);
  const spec = fx.spec;
  const f = spec.activation.fracBits;
  const head = [
    cm.layers.length,
    f + spec.weightFrac - spec.tableInputFrac,
    spec.gateFrac,
    f - spec.gateFrac,
    spec.rounding === 'nearest' ? 1 : 0,
    fx.tables.min,
    fx.tables.max,
    sig,
    tanh,
    fx.accMin,
    fx.accMax,
    x0,
    // gatesSimd: the index shift is a right shift (>= 1) and the step-4 tail fits int32.
    f + spec.weightFrac - spec.tableInputFrac >= 1 && fx.intTail ? 1 : 0,
    pack,
    roDesc,
  ];
  i32.set(head, 0);
  writePackSwizzles(new Uint8Array(buf), pack);
  const f32 = new Float32Array(buf);
  const rd = roDesc / 4;
  i32[rd + RO.LAYERS] = ro.length;
  ro.forEach((d, k) => {
    i32.set([d.inSize, d.outSize, roW[k], roB[k]], rd + RO.LAYER0 + k * RO.PER_LAYER);
    f32.set(d.weight, roW[k] / 4);
    f32.set(d.bias, roB[k] / 4);
  });
  i32[rd + RO.MID] = roMid;
  i32[rd + RO.OUT] = roOut;
  new Float64Array(buf)[roDesc / 8 + RO.SCALE_F64] = cm.valueScale;
  i32.set(fx.tables.sigmoid, sig / 4);
  i32.set(fx.tables.tanh, tanh / 4);
  const layers = plan.map((p, l): KernelLayer => {
    const header = M_LAYER0 + l * LAYER_BYTES;
    const fields = [p.I, p.H, p.Hp, p.Ip, p.w, p.acc0, p.acc, p.acc64, p.canSat ? 1 : 0];
    fields.push(p.xHat, p.hHat, p.h, p.idx, p.d);
    i32.set(fields, header / 4);
    i32[header / 4 + LF.NARROW] = narrowAccumulators(cm, p.L) ? 1 : 0;
    i32[header / 4 + LF.WBLOCKS] = p.wBlocks;
    i32[header / 4 + LF.DP] = p.dp;
    if (p.wBlocks) writeBlocks(i16, p.wBlocks, p.L, p.Hp);
    writeWeights(i16, p.w, p.L, p.Hp);
    const acc0 = p.L.acc0;
    const a64 = p.canSat ? new BigInt64Array(buf, p.acc0, 4 * p.Hp) : null;
    for (let g = 0; g < 4; g++) {
      for (let j = 0; j < p.H; j++) {
        const v = acc0[g * p.H + j];
        if (a64) a64[g * p.Hp + j] = BigInt(v);
        else i32[p.acc0 / 4 + g * p.Hp + j] = v;
      }
    }
    return {
      header,
      I: p.I,
      H: p.H,
      Hp: p.Hp,
      canSat: p.canSat,
      xHat: p.xHat,
      hHat: p.hHat,
      h: p.h,
      acc: p.acc,
    };
  });
  const readout = instance.exports.readout as KernelModel['readout'];
  return { memory, run, readout, readoutOut: roOut, readoutMid: roMid, layers, free: up(bump.at, 16) };
}

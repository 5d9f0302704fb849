// AssemblyScript source of the fixed-point delta-GRU kernels (built by `npm run build:wasm` into
// ../kernels-wasm.ts). The TypeScript engine is the reference: every step here computes exactly what
// delta-step.ts, dense.ts and gates.ts compute, in integers. The memory layout (model and layer
// headers, padded buffers) is written by ../layout.ts, whose field offsets must match these.
//
// Buffers: activations and accumulators are i32, weights i16 column-major (column c holds rows
// r, z, n of 3·Hp rows, Hp = H rounded up to 8, padding rows 0), I and H buffers padded to 4 and 8
// lanes with zeros, which never fire and never change.

// Model header (i32 fields, byte offsets).
const M_LAYERS = 0;
const M_SH_IDX = 4; // f + wf − tableInputFrac: accumulator units to table index units (rs shift)
const M_G = 8; // gateFrac
const M_FG = 12; // f − gateFrac: h codes to gate units (rs shift); the inverse back
const M_NEAREST = 16;
const M_LO = 20;
const M_HI = 24;
const M_SIG = 28;
const M_TANH = 32;
const M_ACC_MIN = 36;
const M_ACC_MAX = 40;
const M_X0 = 44; // layer 0 input (i32, Ip lanes)
const M_SIMD_GATES = 48; // gatesSimd's conditions hold (see layout.ts)
const M_PACK = 52; // 16 swizzles (16 bytes each): mask bits -> the set i32 lanes moved to the front
const M_READOUT = 56; // the readout's descriptor (R_* below)

// Readout descriptor: its dense layers (1 or 2: linear -> ReLU -> linear), f32 weights row-major
// and f32 biases, the f64 buffers its results go to, and the scale of the top layer's h codes.
const R_LAYERS = 0;
const R_IN0 = 4;
const R_OUT0 = 8;
const R_W0 = 12;
const R_B0 = 16;
const R_IN1 = 20;
const R_OUT1 = 24;
const R_W1 = 28;
const R_B1 = 32;
const R_MID = 36;
const R_OUT = 40;
const R_SCALE = 48; // f64
const M_LAYER0 = 64;
const LAYER_BYTES = 128;

// Layer header.
const L_I = 0;
const L_H = 4;
const L_HP = 8;
const L_IP = 12;
const L_W = 16;
const L_ACC0 = 20; // i32 (4·Hp) or, where accumulators can saturate, i64
const L_ACC = 24; // i32 accumulators the gates read
const L_ACC64 = 28; // i64 accumulators that can leave the i32 range (canSat only)
const L_CANSAT = 32;
const L_XHAT = 36;
const L_HHAT = 40;
const L_HCUR = 44;
const L_IDX = 48; // fired columns, x segment padded to even, then h segment padded to even
const L_D = 52; // their deltas
const L_THX = 56;
const L_THH = 60;
const L_NX = 64;
const L_NH = 68;
const L_STEPS = 72; // f64 counters
const L_FIREDX = 80;
const L_FIREDH = 88;
const L_ACCSAT = 96;
const L_ACTSAT = 104;
const L_NARROW = 112; // |accumulators| < 2^29 and gateFrac <= 15: gatesSimd's n path in i32 lanes
const L_WBLOCKS = 116; // dense weights: 8-row blocks of column pairs, rows interleaved (0: none, canSat)
const L_DP = 120; // the step's deltas as packed i16 pairs, x then h, for the blocked product (with WBLOCKS)

function geti(p: usize, f: usize): i32 {
  return load<i32>(p + f);
}

function seti(p: usize, f: usize, v: i32): void {
  store<i32>(p + f, v);
}

function addf(p: usize, f: usize, v: i32): void {
  store<f64>(p + f, load<f64>(p + f) + <f64>v);
}

/** floor(v · 2^-s + ½) ('nearest') or floor(v · 2^-s) ('floor'); s < 0 shifts left (exact). */
function rs(v: i64, s: i32, nearest: bool): i64 {
  if (s > 0) return nearest ? ((v >> <i64>(s - 1)) + 1) >> 1 : v >> <i64>s;
  return v << (<i64>-s);
}

/**
 * Fires entries of x against xh (|x − x̂| > th), writing columns base + i and deltas from list slot
 * `at`, and sets x̂ = x where fired. Returns the slot after the last one written. Four lanes a pass
 * without a branch: the fired lanes are moved to the front by the mask's swizzle (`pack`) and all
 * four stored, the slot advancing by the number fired (a branch per lane mispredicted at the
 * occupancies the lab runs at). The list has slack for the three slots past its end.
 */
function fire(
  x: usize,
  xh: usize,
  n: i32,
  th: i32,
  idx: usize,
  d: usize,
  at: i32,
  base: i32,
  pack: usize,
): i32 {
  const ths = i32x4.splat(th);
  let col = i32x4.add(i32x4.splat(base), i32x4(0, 1, 2, 3));
  const four = i32x4.splat(4);
  for (let i = 0; i < n; i += 4) {
    const q = (<usize>i) << 2;
    const xv = v128.load(x + q);
    const hv = v128.load(xh + q);
    const dv = i32x4.sub(xv, hv);
    const mask = i32x4.gt_s(i32x4.abs(dv), ths);
    const bits = i32x4.bitmask(mask);
    const sel = v128.load(pack + ((<usize>bits) << 4));
    const o = (<usize>at) << 2;
    v128.store(idx + o, i8x16.swizzle(col, sel));
    v128.store(d + o, i8x16.swizzle(dv, sel));
    at += <i32>popcnt(bits);
    v128.store(xh + q, v128.bitselect(xv, hv, mask));
    col = i32x4.add(col, four);
  }
  return at;
}

/** Pads list slots to an even count with column `col`, delta 0 (adds nothing, keeps pairs whole). */
function pad(idx: usize, d: usize, at: i32, col: i32): i32 {
  if ((at & 1) !== 0) {
    store<i32>(idx + ((<usize>at) << 2), col);
    store<i32>(d + ((<usize>at) << 2), 0);
    at++;
  }
  return at;
}

/** Two deltas as i16 lanes (d1, d2, d1, d2, ...) for i32x4.dot_i16x8_s. */
function pair(d1: i32, d2: i32): v128 {
  return i32x4.splat((d1 & 0xffff) | (d2 << 16));
}

/** Eight rows of four columns (two interleaved pairs) times their packed deltas, as i32 lanes. */
// @ts-ignore: decorator
@inline
function cols4(w1: v128, w2: v128, w3: v128, w4: v128, d12: v128, d34: v128, hi: bool): v128 {
  if (hi) {
    return i32x4.add(
      i32x4.dot_i16x8_s(v128.shuffle<i16>(w1, w2, 4, 12, 5, 13, 6, 14, 7, 15), d12),
      i32x4.dot_i16x8_s(v128.shuffle<i16>(w3, w4, 4, 12, 5, 13, 6, 14, 7, 15), d34),
    );
  }
  return i32x4.add(
    i32x4.dot_i16x8_s(v128.shuffle<i16>(w1, w2, 0, 8, 1, 9, 2, 10, 3, 11), d12),
    i32x4.dot_i16x8_s(v128.shuffle<i16>(w3, w4, 0, 8, 1, 9, 2, 10, 3, 11), d34),
  );
}

/**
 * acc[0 .. rows) (i32) += Σ_k w[idx[k] · stride + off ..] · d[k] over list slots [from, to), four
 * columns a pass, then two (to − from is even): rows of two columns interleaved, then one
 * dot product multiplies and adds both. Exact: |w| ≤ 2^15, |d| ≤ 255. Sixteen rows an iteration
 * (rows is a multiple of 8); four column pointers, so nothing spills in V8 (eight did).
 */
function addCols32(
  acc: usize,
  rows: i32,
  w: usize,
  off: i32,
  stride: i32,
  idx: usize,
  d: usize,
  from: i32,
  to: i32,
): void {
  const bytes = (<usize>rows) << 1;
  let k = from;
  for (; k + 4 <= to; k += 4) {
    const q = (<usize>k) << 2;
    const c1 = w + <usize>(load<i32>(idx + q) * stride + off);
    const c2 = w + <usize>(load<i32>(idx + q + 4) * stride + off);
    const c3 = w + <usize>(load<i32>(idx + q + 8) * stride + off);
    const c4 = w + <usize>(load<i32>(idx + q + 12) * stride + off);
    const d12 = pair(load<i32>(d + q), load<i32>(d + q + 4));
    const d34 = pair(load<i32>(d + q + 8), load<i32>(d + q + 12));
    let a = acc;
    let o: usize = 0;
    for (; o + 32 <= bytes; o += 32) {
      const w1 = v128.load(c1 + o);
      const w2 = v128.load(c2 + o);
      const w3 = v128.load(c3 + o);
      const w4 = v128.load(c4 + o);
      const v1 = v128.load(c1 + o, 16);
      const v2 = v128.load(c2 + o, 16);
      const v3 = v128.load(c3 + o, 16);
      const v4 = v128.load(c4 + o, 16);
      v128.store(a, i32x4.add(v128.load(a), cols4(w1, w2, w3, w4, d12, d34, false)));
      v128.store(a, i32x4.add(v128.load(a, 16), cols4(w1, w2, w3, w4, d12, d34, true)), 16);
      v128.store(a, i32x4.add(v128.load(a, 32), cols4(v1, v2, v3, v4, d12, d34, false)), 32);
      v128.store(a, i32x4.add(v128.load(a, 48), cols4(v1, v2, v3, v4, d12, d34, true)), 48);
      a += 64;
    }
    if (o < bytes) {
      const w1 = v128.load(c1 + o);
      const w2 = v128.load(c2 + o);
      const w3 = v128.load(c3 + o);
      const w4 = v128.load(c4 + o);
      v128.store(a, i32x4.add(v128.load(a), cols4(w1, w2, w3, w4, d12, d34, false)));
      v128.store(a, i32x4.add(v128.load(a, 16), cols4(w1, w2, w3, w4, d12, d34, true)), 16);
    }
  }
  if (k < to) {
    // The last two columns.
    const q = (<usize>k) << 2;
    const c1 = w + <usize>(load<i32>(idx + q) * stride + off);
    const c2 = w + <usize>(load<i32>(idx + q + 4) * stride + off);
    const d12 = pair(load<i32>(d + q), load<i32>(d + q + 4));
    let a = acc;
    for (let o: usize = 0; o < bytes; o += 16) {
      const w1 = v128.load(c1 + o);
      const w2 = v128.load(c2 + o);
      const lo = i32x4.dot_i16x8_s(v128.shuffle<i16>(w1, w2, 0, 8, 1, 9, 2, 10, 3, 11), d12);
      const hi = i32x4.dot_i16x8_s(v128.shuffle<i16>(w1, w2, 4, 12, 5, 13, 6, 14, 7, 15), d12);
      v128.store(a, i32x4.add(v128.load(a), lo));
      v128.store(a, i32x4.add(v128.load(a, 16), hi), 16);
      a += 32;
    }
  }
}

/** addCols32 into i64 accumulators (a pass's sum of four products stays far inside i32). */
function addCols64(
  acc: usize,
  rows: i32,
  w: usize,
  off: i32,
  stride: i32,
  idx: usize,
  d: usize,
  from: i32,
  to: i32,
): void {
  let k = from;
  for (; k + 4 <= to; k += 4) {
    const q = (<usize>k) << 2;
    const c1 = w + <usize>(load<i32>(idx + q) * stride + off);
    const c2 = w + <usize>(load<i32>(idx + q + 4) * stride + off);
    const c3 = w + <usize>(load<i32>(idx + q + 8) * stride + off);
    const c4 = w + <usize>(load<i32>(idx + q + 12) * stride + off);
    const d12 = pair(load<i32>(d + q), load<i32>(d + q + 4));
    const d34 = pair(load<i32>(d + q + 8), load<i32>(d + q + 12));
    let a = acc;
    for (let r = 0; r < rows; r += 8) {
      const o = (<usize>r) << 1;
      const w1 = v128.load(c1 + o);
      const w2 = v128.load(c2 + o);
      const w3 = v128.load(c3 + o);
      const w4 = v128.load(c4 + o);
      const lo = i32x4.add(
        i32x4.dot_i16x8_s(v128.shuffle<i16>(w1, w2, 0, 8, 1, 9, 2, 10, 3, 11), d12),
        i32x4.dot_i16x8_s(v128.shuffle<i16>(w3, w4, 0, 8, 1, 9, 2, 10, 3, 11), d34),
      );
      const hi = i32x4.add(
        i32x4.dot_i16x8_s(v128.shuffle<i16>(w1, w2, 4, 12, 5, 13, 6, 14, 7, 15), d12),
        i32x4.dot_i16x8_s(v128.shuffle<i16>(w3, w4, 4, 12, 5, 13, 6, 14, 7, 15), d34),
      );
      v128.store(a, i64x2.add(v128.load(a), i64x2.extend_low_i32x4_s(lo)));
      v128.store(a + 16, i64x2.add(v128.load(a + 16), i64x2.extend_high_i32x4_s(lo)));
      v128.store(a + 32, i64x2.add(v128.load(a + 32), i64x2.extend_low_i32x4_s(hi)));
      v128.store(a + 48, i64x2.add(v128.load(a + 48), i64x2.extend_high_i32x4_s(hi)));
      a += 64;
    }
  }
  if (k < to) {
    // The last two columns.
    const q = (<usize>k) << 2;
    const c1 = w + <usize>(load<i32>(idx + q) * stride + off);
    const c2 = w + <usize>(load<i32>(idx + q + 4) * stride + off);
    const d12 = pair(load<i32>(d + q), load<i32>(d + q + 4));
    let a = acc;
    for (let r = 0; r < rows; r += 8) {
      const o = (<usize>r) << 1;
      const w1 = v128.load(c1 + o);
      const w2 = v128.load(c2 + o);
      const lo = i32x4.dot_i16x8_s(v128.shuffle<i16>(w1, w2, 0, 8, 1, 9, 2, 10, 3, 11), d12);
      const hi = i32x4.dot_i16x8_s(v128.shuffle<i16>(w1, w2, 4, 12, 5, 13, 6, 14, 7, 15), d12);
      v128.store(a, i64x2.add(v128.load(a), i64x2.extend_low_i32x4_s(lo)));
      v128.store(a + 16, i64x2.add(v128.load(a + 16), i64x2.extend_high_i32x4_s(lo)));
      v128.store(a + 32, i64x2.add(v128.load(a + 32), i64x2.extend_low_i32x4_s(hi)));
      v128.store(a + 48, i64x2.add(v128.load(a + 48), i64x2.extend_high_i32x4_s(hi)));
      a += 64;
    }
  }
}

/** The fired (or, dense, all) columns of list slots [0, nx2) (inputs) and [nx2, n2) (hidden units). */
function addFired(L: usize, nx2: i32, n2: i32): void {
  const Hp = geti(L, L_HP);
  const stride = 6 * Hp; // bytes per column
  const w = <usize>geti(L, L_W);
  const idx = <usize>geti(L, L_IDX);
  const d = <usize>geti(L, L_D);
  if (geti(L, L_CANSAT) !== 0) {
    const a = <usize>geti(L, L_ACC64);
    addCols64(a, 2 * Hp, w, 0, stride, idx, d, 0, n2);
    addCols64(a + ((<usize>(2 * Hp)) << 3), Hp, w, 4 * Hp, stride, idx, d, 0, nx2);
    addCols64(a + ((<usize>(3 * Hp)) << 3), Hp, w, 4 * Hp, stride, idx, d, nx2, n2);
  } else {
    const a = <usize>geti(L, L_ACC);
    addCols32(a, 2 * Hp, w, 0, stride, idx, d, 0, n2);
    addCols32(a + ((<usize>(2 * Hp)) << 2), Hp, w, 4 * Hp, stride, idx, d, 0, nx2);
    addCols32(a + ((<usize>(3 * Hp)) << 2), Hp, w, 4 * Hp, stride, idx, d, nx2, n2);
  }
}

/** Clamps the i64 accumulators to the accumulator width (counting each clamp) into the i32 ones. */
function saturate(m: usize, L: usize): void {
  const Hp = geti(L, L_HP);
  const a64 = <usize>geti(L, L_ACC64);
  const a32 = <usize>geti(L, L_ACC);
  const lo = <i64>geti(m, M_ACC_MIN);
  const hi = <i64>geti(m, M_ACC_MAX);
  let n = 0;
  for (let k = 0; k < 4 * Hp; k++) {
    let v = load<i64>(a64 + ((<usize>k) << 3));
    if (v > hi || v < lo) {
      v = v > hi ? hi : lo;
      store<i64>(a64 + ((<usize>k) << 3), v);
      n++;
    }
    store<i32>(a32 + ((<usize>k) << 2), <i32>v);
  }
  addf(L, L_ACCSAT, n);
}

/** Table index of an accumulator-unit value, clamped to the table. */
function tableAt(v: i64, sh: i32, nearest: bool, lo: i32, hi: i32): i32 {
  const k = rs(v, sh, nearest);
  return k < <i64>lo ? 0 : k > <i64>hi ? hi - lo : <i32>k - lo;
}

/** gates.ts step 2-4: r, z, n from the tables, then h as a saturated activation code (counted). */
function gates(m: usize, L: usize): void {
  const H = geti(L, L_H);
  const Hp = geti(L, L_HP);
  const acc = <usize>geti(L, L_ACC);
  const h = <usize>geti(L, L_HCUR);
  const sh = geti(m, M_SH_IDX);
  const g = geti(m, M_G);
  const fg = geti(m, M_FG);
  const nearest = geti(m, M_NEAREST) !== 0;
  const lo = geti(m, M_LO);
  const hi = geti(m, M_HI);
  const sig = <usize>geti(m, M_SIG);
  const tnh = <usize>geti(m, M_TANH);
  const aZ = acc + ((<usize>Hp) << 2);
  const aNx = acc + ((<usize>(2 * Hp)) << 2);
  const aNh = acc + ((<usize>(3 * Hp)) << 2);
  let sat = 0;
  for (let j = 0; j < H; j++) {
    const q = (<usize>j) << 2;
    const r = <i64>load<i32>(sig + ((<usize>tableAt(<i64>load<i32>(acc + q), sh, nearest, lo, hi)) << 2));
    const z = <i64>load<i32>(sig + ((<usize>tableAt(<i64>load<i32>(aZ + q), sh, nearest, lo, hi)) << 2));
    const pre = <i64>load<i32>(aNx + q) + rs(r * <i64>load<i32>(aNh + q), g, nearest);
    const n = <i64>load<i32>(tnh + ((<usize>tableAt(pre, sh, nearest, lo, hi)) << 2));
    const hp = rs(<i64>load<i32>(h + q), fg, nearest);
    let c = rs(n + rs(z * (hp - n), g, nearest), -fg, nearest);
    if (c > 127 || c < -128) {
      c = c > 127 ? 127 : -128;
      sat++;
    }
    store<i32>(h + q, <i32>c);
  }
  addf(L, L_ACTSAT, sat);
}

/** rs for i32 lanes, s >= 0 (the caller ensures no lane overflows). */
function rs32(v: v128, s: i32, nb: v128): v128 {
  if (s === 0) return v;
  return i32x4.shr_s(i32x4.add(i32x4.shr_s(v, s - 1), nb), 1);
}

/** rs for i64 lanes. */
function rs64(v: v128, s: i32, nb: v128): v128 {
  if (s > 0) return i64x2.shr_s(i64x2.add(i64x2.shr_s(v, s - 1), nb), 1);
  return i64x2.shl(v, -s);
}

/** Four table entries t[k] (k already relative to the table start). */
function gather(t: usize, k: v128): v128 {
  // Two chains of two lane loads, joined: one chain of four inserts was measured 2% slower.
  let a = v128.load32_zero(t + ((<usize>i32x4.extract_lane(k, 0)) << 2));
  let b = v128.load32_zero(t + ((<usize>i32x4.extract_lane(k, 2)) << 2));
  a = v128.load_lane<i32>(t + ((<usize>i32x4.extract_lane(k, 1)) << 2), a, 1);
  b = v128.load_lane<i32>(t + ((<usize>i32x4.extract_lane(k, 3)) << 2), b, 1);
  return v128.shuffle<i64>(a, b, 0, 2);
}

/** i64 lanes clamped to [lo, hi]. */
function clamp64(v: v128, lo: v128, hi: v128): v128 {
  const a = v128.bitselect(hi, v, i64x2.gt_s(v, hi));
  return v128.bitselect(lo, a, i64x2.lt_s(a, lo));
}

/**
 * gates() four units at a time, where layout.ts found its integer widths exact: the table index
 * shift f + wf − tableInputFrac is at least 1 (a right shift of i32 lanes), and the tail of step 4
 * fits int32 (gates.ts intTail), for layers that are not narrow: the n pre-activation r · M_nh in
 * i64 lanes (gatesNarrow below for the others). Lanes past H read
 * zero accumulators and h and produce h = 0, so the padding stays zero.
 */
function gatesSimd(m: usize, L: usize): void {
  const H = geti(L, L_H);
  const Hp = geti(L, L_HP);
  const acc = <usize>geti(L, L_ACC);
  const h = <usize>geti(L, L_HCUR);
  const sh = geti(m, M_SH_IDX);
  const g = geti(m, M_G);
  const ga = -geti(m, M_FG);
  const nbs = geti(m, M_NEAREST);
  const nb = i32x4.splat(nbs);
  const nb64 = i64x2.splat(<i64>nbs);
  const lo = geti(m, M_LO);
  const lov = i32x4.splat(lo);
  const hiv = i32x4.splat(geti(m, M_HI));
  const lo64 = i64x2.splat(<i64>lo);
  const hi64 = i64x2.splat(<i64>geti(m, M_HI));
  const sig = <usize>geti(m, M_SIG);
  const tnh = <usize>geti(m, M_TANH);
  const aZ = acc + ((<usize>Hp) << 2);
  const aNx = acc + ((<usize>(2 * Hp)) << 2);
  const aNh = acc + ((<usize>(3 * Hp)) << 2);
  const cmax = i32x4.splat(127);
  const cmin = i32x4.splat(-128);
  let sat = 0;
  for (let j = 0; j < H; j += 4) {
    const q = (<usize>j) << 2;
    const kr = i32x4.sub(i32x4.min_s(i32x4.max_s(rs32(v128.load(acc + q), sh, nb), lov), hiv), lov);
    const kz = i32x4.sub(i32x4.min_s(i32x4.max_s(rs32(v128.load(aZ + q), sh, nb), lov), hiv), lov);
    const r = gather(sig, kr);
    const z = gather(sig, kz);
    const nh = v128.load(aNh + q);
    const nx = v128.load(aNx + q);
    let p0 = i64x2.add(rs64(i64x2.extmul_low_i32x4_s(r, nh), g, nb64), i64x2.extend_low_i32x4_s(nx));
    let p1 = i64x2.add(rs64(i64x2.extmul_high_i32x4_s(r, nh), g, nb64), i64x2.extend_high_i32x4_s(nx));
    p0 = clamp64(rs64(p0, sh, nb64), lo64, hi64);
    p1 = clamp64(rs64(p1, sh, nb64), lo64, hi64);
    const kn = v128.shuffle<i32>(p0, p1, 0, 2, 4, 6);
    const n = gather(tnh, i32x4.sub(kn, lov));
    const hp = i32x4.shl(v128.load(h + q), ga);
    const v = i32x4.add(n, rs32(i32x4.mul(z, i32x4.sub(hp, n)), g, nb));
    const c = rs32(v, ga, nb);
    sat += popcnt(i32x4.bitmask(v128.or(i32x4.gt_s(c, cmax), i32x4.lt_s(c, cmin))));
    v128.store(h + q, i32x4.min_s(i32x4.max_s(c, cmin), cmax));
  }
  addf(L, L_ACTSAT, sat);
}

/**
 * gatesSimd for narrow layers: its i32 path alone, with the format as parameters so that, inlined
 * with constants for the formats in use, the shifts, splats and rounding terms are constants and the
 * loop holds nothing else (the gate math is the part of a delta step that does not shrink with
 * occupancy). Step 4 rounds add-first, exact because intTail holds (as gates.ts does); the table
 * pointers are moved back by `lo` entries so a clamped index reads them directly; saturations are
 * counted in lanes.
 */
// @ts-ignore: decorator
@inline
function gatesNarrowBody(m: usize, L: usize, sh: i32, g: i32, ga: i32, nbs: i32): void {
  const H = geti(L, L_H);
  const Hp = geti(L, L_HP);
  const acc = <usize>geti(L, L_ACC);
  const h = <usize>geti(L, L_HCUR);
  const lo = geti(m, M_LO);
  const lov = i32x4.splat(lo);
  const hiv = i32x4.splat(geti(m, M_HI));
  const sig = <usize>(geti(m, M_SIG) - (lo << 2));
  const tnh = <usize>(geti(m, M_TANH) - (lo << 2));
  const aZ = acc + ((<usize>Hp) << 2);
  const aNx = acc + ((<usize>(2 * Hp)) << 2);
  const aNh = acc + ((<usize>(3 * Hp)) << 2);
  // Index rounding in two operations, (a + 2^(sh-1)) >> sh, equal to rs's three for sh >= 1 and
  // exact here: narrow accumulators stay below 2^29, so adding 2^(sh-1) cannot overflow.
  const halfS = i32x4.splat(nbs !== 0 ? 1 << (sh - 1) : 0);
  const half = i32x4.splat(nbs !== 0 ? 1 << (g - 1) : 0);
  const halfA = i32x4.splat(nbs !== 0 && ga > 0 ? 1 << (ga - 1) : 0);
  const low15 = i32x4.splat(0x7fff);
  const cmax = i32x4.splat(127);
  const cmin = i32x4.splat(-128);
  let satv = i32x4.splat(0);
  for (let j = 0; j < H; j += 4) {
    const q = (<usize>j) << 2;
    const ar = i32x4.shr_s(i32x4.add(v128.load(acc + q), halfS), sh);
    const az = i32x4.shr_s(i32x4.add(v128.load(aZ + q), halfS), sh);
    const r = gather(sig, i32x4.min_s(i32x4.max_s(ar, lov), hiv));
    const z = gather(sig, i32x4.min_s(i32x4.max_s(az, lov), hiv));
    const nh = v128.load(aNh + q);
    // r · M_nh split at bit 15 so every product fits i32: r · aH · 2^15 is a multiple of 2^g.
    const t = i32x4.add(
      i32x4.shl(i32x4.mul(r, i32x4.shr_s(nh, 15)), 15 - g),
      i32x4.shr_s(i32x4.add(i32x4.mul(r, v128.and(nh, low15)), half), g),
    );
    const an = i32x4.shr_s(i32x4.add(i32x4.add(v128.load(aNx + q), t), halfS), sh);
    const n = gather(tnh, i32x4.min_s(i32x4.max_s(an, lov), hiv));
    const hp = i32x4.shl(v128.load(h + q), ga);
    const v = i32x4.add(n, i32x4.shr_s(i32x4.add(i32x4.mul(z, i32x4.sub(hp, n)), half), g));
    const c = i32x4.shr_s(i32x4.add(v, halfA), ga);
    // A lane that saturates adds −1 (all ones) to its count.
    satv = i32x4.add(satv, v128.or(i32x4.gt_s(c, cmax), i32x4.lt_s(c, cmin)));
    v128.store(h + q, i32x4.min_s(i32x4.max_s(c, cmin), cmax));
  }
  const sat =
    i32x4.extract_lane(satv, 0) +
    i32x4.extract_lane(satv, 1) +
    i32x4.extract_lane(satv, 2) +
    i32x4.extract_lane(satv, 3);
  addf(L, L_ACTSAT, -sat);
}

// One function per format ('nearest', gateFrac 8; index shift, h shift): inlined into one shared
// function instead, the optimizer folds the copies back into one body with the shifts in locals.
// Q3.4 activations with 16-bit weights at 2^-14 (digits, connected digits, the peer benchmark's
// random models), Q2.5 at 2^-15 (driving), Q3.4 with 8-bit weights at 2^-6 (the engine benchmark's).
function gatesQ34w14(m: usize, L: usize): void {
  gatesNarrowBody(m, L, 10, 8, 4, 1);
}
function gatesQ25w15(m: usize, L: usize): void {
  gatesNarrowBody(m, L, 12, 8, 3, 1);
}
function gatesQ34w6(m: usize, L: usize): void {
  gatesNarrowBody(m, L, 2, 8, 4, 1);
}

/** gatesNarrowBody for the layer's format: one of the specialized copies, else the generic one. */
function gatesNarrow(m: usize, L: usize): void {
  const sh = geti(m, M_SH_IDX);
  const g = geti(m, M_G);
  const ga = -geti(m, M_FG);
  const nbs = geti(m, M_NEAREST);
  if (g === 8 && nbs === 1) {
    if (sh === 10 && ga === 4) return gatesQ34w14(m, L);
    if (sh === 12 && ga === 3) return gatesQ25w15(m, L);
    if (sh === 2 && ga === 4) return gatesQ34w6(m, L);
  }
  gatesNarrowBody(m, L, sh, g, ga, nbs);
}

/**
 * Above this occupancy (in quarters of I + H) a delta step adds its deltas through the blocked dense
 * product, zeros where nothing fired, instead of column by column: the same integer sums (nothing
 * can saturate where the blocks exist), and measured faster there (BENCHMARKS.md, engine section).
 */
const DENSE_DELTA_QUARTERS = 3;

/** The fired deltas of list slots [0, nx) and [nx2, n) as packed pairs in L_DP, then the blocked product. */
function addDense(L: usize, nx: i32, nx2: i32, n: i32): void {
  const I = geti(L, L_I);
  const H = geti(L, L_H);
  const idx = <usize>geti(L, L_IDX);
  const d = <usize>geti(L, L_D);
  const dp = <usize>geti(L, L_DP);
  const px = (I + 1) >> 1;
  const pn = px + ((H + 1) >> 1);
  memory.fill(dp, 0, <usize>(pn << 2));
  // Pair p holds columns 2p (low half) and 2p + 1: column c's i16 sits at byte 2c of its segment.
  for (let k = 0; k < nx; k++) {
    const q = (<usize>k) << 2;
    store<i16>(dp + ((<usize>load<i32>(idx + q)) << 1), <i16>load<i32>(d + q));
  }
  const dh = dp + ((<usize>px) << 2);
  for (let k = nx2; k < n; k++) {
    const q = (<usize>k) << 2;
    store<i16>(dh + ((<usize>(load<i32>(idx + q) - I)) << 1), <i16>load<i32>(d + q));
  }
  const a = <usize>geti(L, L_ACC);
  blockedProduct(L, a, a, dp, px, pn);
}

function deltaStep(m: usize, L: usize, x: usize): void {
  const I = geti(L, L_I);
  const idx = <usize>geti(L, L_IDX);
  const d = <usize>geti(L, L_D);
  const pack = <usize>geti(m, M_PACK);
  const nx = fire(x, <usize>geti(L, L_XHAT), geti(L, L_IP), geti(L, L_THX), idx, d, 0, 0, pack);
  const nx2 = pad(idx, d, nx, 0);
  const n = fire(
    <usize>geti(L, L_HCUR),
    <usize>geti(L, L_HHAT),
    geti(L, L_HP),
    geti(L, L_THH),
    idx,
    d,
    nx2,
    I,
    pack,
  );
  const n2 = pad(idx, d, n, 0);
  const fired = nx + n - nx2;
  if (geti(L, L_WBLOCKS) !== 0 && fired * 4 > (I + geti(L, L_H)) * DENSE_DELTA_QUARTERS) {
    addDense(L, nx, nx2, n);
  } else {
    addFired(L, nx2, n2);
  }
  seti(L, L_NX, nx);
  seti(L, L_NH, n - nx2);
  addf(L, L_FIREDX, nx);
  addf(L, L_FIREDH, n - nx2);
}

/**
 * One 8-row block of the dense product: dst = src + Σ_p W_p · dp[p] over pairs [from, to), where
 * the block's pairs lie one after another from `w` (32 bytes a pair: its 8 rows, each the two
 * columns' weights as i16 lanes) and dp[p] is the pair's two inputs as i16 lanes. The accumulators
 * stay in registers across all pairs, the weights stream through one pointer: one dot product per
 * 4 rows and 2 columns, no shuffle, no accumulator traffic in the loop.
 */
function denseBlock(dst: usize, src: usize, w: usize, dp: usize, from: i32, to: i32): void {
  let lo = v128.load(src);
  let hi = v128.load(src, 16);
  let q = dp + ((<usize>from) << 2);
  const end = dp + ((<usize>to) << 2);
  while (q + 16 <= end) {
    const d1 = v128.load32_splat(q);
    const d2 = v128.load32_splat(q, 4);
    const d3 = v128.load32_splat(q, 8);
    const d4 = v128.load32_splat(q, 12);
    lo = i32x4.add(
      lo,
      i32x4.add(
        i32x4.add(i32x4.dot_i16x8_s(v128.load(w), d1), i32x4.dot_i16x8_s(v128.load(w, 32), d2)),
        i32x4.add(i32x4.dot_i16x8_s(v128.load(w, 64), d3), i32x4.dot_i16x8_s(v128.load(w, 96), d4)),
      ),
    );
    hi = i32x4.add(
      hi,
      i32x4.add(
        i32x4.add(i32x4.dot_i16x8_s(v128.load(w, 16), d1), i32x4.dot_i16x8_s(v128.load(w, 48), d2)),
        i32x4.add(i32x4.dot_i16x8_s(v128.load(w, 80), d3), i32x4.dot_i16x8_s(v128.load(w, 112), d4)),
      ),
    );
    w += 128;
    q += 16;
  }
  while (q < end) {
    const d1 = v128.load32_splat(q);
    lo = i32x4.add(lo, i32x4.dot_i16x8_s(v128.load(w), d1));
    hi = i32x4.add(hi, i32x4.dot_i16x8_s(v128.load(w, 16), d1));
    w += 32;
    q += 4;
  }
  v128.store(dst, lo);
  v128.store(dst, hi, 16);
}

/**
 * acc = src + W · dp over the blocked weights: pairs [0, pn) of dp, the first px of them the x
 * columns' (src = acc0: the dense step; src = acc: a delta step's deltas added on).
 */
function blockedProduct(L: usize, acc: usize, src: usize, dp: usize, px: i32, pn: i32): void {
  const Hp = geti(L, L_HP);
  const blockBytes = <usize>(pn << 5);
  const nRZ = Hp >> 2; // 8-row blocks of r and z (2·Hp rows)
  let w = <usize>geti(L, L_WBLOCKS);
  for (let b = 0; b < nRZ; b++) {
    const o = (<usize>b) << 5;
    denseBlock(acc + o, src + o, w, dp, 0, pn);
    w += blockBytes;
  }
  // n rows: the x pairs into M_nx, the h pairs into M_nh (Hp further on).
  const nh = (<usize>Hp) << 2;
  for (let b = nRZ; b < nRZ + (Hp >> 3); b++) {
    const o = (<usize>b) << 5;
    denseBlock(acc + o, src + o, w, dp, 0, px);
    denseBlock(acc + o + nh, src + o + nh, w + ((<usize>px) << 5), dp, px, pn);
    w += blockBytes;
  }
}

/** Packs values v[0 .. n) (n rounded up to even, the odd one paired with 0) into dp from slot `at`. */
function packPairs(v: usize, n: i32, dp: usize, at: i32): i32 {
  for (let k = 0; k < n; k += 2) {
    const a = load<i32>(v + ((<usize>k) << 2));
    const b = k + 1 < n ? load<i32>(v + ((<usize>(k + 1)) << 2)) : 0;
    store<i32>(dp + ((<usize>at) << 2), (a & 0xffff) | (b << 16));
    at++;
  }
  return at;
}

/** dense.ts: accumulators from the biases, every column added (x, then h). */
function denseStep(L: usize, x: usize): void {
  const I = geti(L, L_I);
  const H = geti(L, L_H);
  const Hp = geti(L, L_HP);
  const idx = <usize>geti(L, L_IDX);
  const d = <usize>geti(L, L_D);
  const h = <usize>geti(L, L_HCUR);
  const wb = <usize>geti(L, L_WBLOCKS);
  if (wb !== 0) {
    const px = packPairs(x, I, d, 0);
    const pn = packPairs(h, H, d, px);
    blockedProduct(L, <usize>geti(L, L_ACC), <usize>geti(L, L_ACC0), d, px, pn);
    return;
  }
  for (let i = 0; i < I; i++) {
    store<i32>(idx + ((<usize>i) << 2), i);
    store<i32>(d + ((<usize>i) << 2), load<i32>(x + ((<usize>i) << 2)));
  }
  const nx2 = pad(idx, d, I, 0);
  for (let j = 0; j < H; j++) {
    store<i32>(idx + ((<usize>(nx2 + j)) << 2), I + j);
    store<i32>(d + ((<usize>(nx2 + j)) << 2), load<i32>(h + ((<usize>j) << 2)));
  }
  const n2 = pad(idx, d, nx2 + H, 0);
  if (geti(L, L_CANSAT) !== 0) memory.copy(<usize>geti(L, L_ACC64), <usize>geti(L, L_ACC0), <usize>(32 * Hp));
  else memory.copy(<usize>geti(L, L_ACC), <usize>geti(L, L_ACC0), <usize>(16 * Hp));
  addFired(L, nx2, n2);
}

function layer(m: usize, l: i32): usize {
  return m + M_LAYER0 + <usize>(l * LAYER_BYTES);
}

/** Start of a sequence: x̂ = ĥ = h = 0, accumulators = biases. */
function reset(m: usize): void {
  const nl = geti(m, M_LAYERS);
  for (let l = 0; l < nl; l++) {
    const L = layer(m, l);
    const Hp = geti(L, L_HP);
    memory.fill(<usize>geti(L, L_XHAT), 0, <usize>(geti(L, L_IP) << 2));
    memory.fill(<usize>geti(L, L_HHAT), 0, <usize>(Hp << 2));
    memory.fill(<usize>geti(L, L_HCUR), 0, <usize>(Hp << 2));
    if (geti(L, L_CANSAT) !== 0)
      memory.copy(<usize>geti(L, L_ACC64), <usize>geti(L, L_ACC0), <usize>(32 * Hp));
    else memory.copy(<usize>geti(L, L_ACC), <usize>geti(L, L_ACC0), <usize>(16 * Hp));
    seti(L, L_NX, 0);
    seti(L, L_NH, 0);
  }
}

/**
 * Runs T frames (i8 activation codes, frame-major, I0 a frame) from a fresh state (or, without
 * `fresh`, on from the state the last call left: streaming): the delta GRU, or with `dense` the
 * dense GRU. When hist is not 0, the top layer's h of every step is written
 * there as i8 codes (T × H).
 */
export function run(m: usize, frames: usize, T: i32, dense: i32, hist: usize, fresh: i32): void {
  if (fresh !== 0) reset(m);
  const nl = geti(m, M_LAYERS);
  const x0 = <usize>geti(m, M_X0);
  const L0 = layer(m, 0);
  const I0 = geti(L0, L_I);
  const top = layer(m, nl - 1);
  const Htop = geti(top, L_H);
  for (let t = 0; t < T; t++) {
    const f = frames + <usize>(t * I0);
    // Four codes a time, sign-extended i8 -> i32; the rest one by one (x0's padding stays 0).
    let i = 0;
    for (; i + 4 <= I0; i += 4) {
      const b = v128.load32_zero(f + <usize>i);
      v128.store(x0 + ((<usize>i) << 2), i32x4.extend_low_i16x8_s(i16x8.extend_low_i8x16_s(b)));
    }
    for (; i < I0; i++) store<i32>(x0 + ((<usize>i) << 2), <i32>load<i8>(f + <usize>i));
    let x = x0;
    for (let l = 0; l < nl; l++) {
      const L = layer(m, l);
      if (dense !== 0) denseStep(L, x);
      else deltaStep(m, L, x);
      if (geti(L, L_CANSAT) !== 0) saturate(m, L);
      if (geti(m, M_SIMD_GATES) === 0) gates(m, L);
      else if (geti(L, L_NARROW) !== 0) gatesNarrow(m, L);
      else gatesSimd(m, L);
      addf(L, L_STEPS, 1);
      x = <usize>geti(L, L_HCUR);
    }
    if (hist !== 0) {
      const ht = <usize>geti(top, L_HCUR);
      const o = hist + <usize>(t * Htop);
      for (let j = 0; j < Htop; j++) store<i8>(o + <usize>j, <i8>load<i32>(ht + ((<usize>j) << 2)));
    }
  }
}

/** Four f32 weights from w as two f64x2 (lanes 0-1, 2-3); the promotion is exact. */
// @ts-ignore: decorator
@inline
function weights4(w: usize, hi: bool): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(w + (hi ? 8 : 0)));
}

// @ts-ignore: decorator
@inline
function xAt(x: usize, codes: bool, k: i32): f64 {
  return codes ? <f64>load<i32>(x + ((<usize>k) << 2)) : load<f64>(x + ((<usize>k) << 3));
}

// @ts-ignore: decorator
@inline
function wAt(row: usize, k: i32): f64 {
  return <f64>load<f32>(row + ((<usize>k) << 2));
}

/**
 * readout.ts dense(): out[o] = b[o] + ((s0 + s1) + (s2 + s3)) · scale, s_k the sum over inputs
 * i ≡ k (mod 4) in input order, in f64, as lanes (s0, s1) and (s2, s3): the same operations in
 * the same order as the TypeScript loop, so the same doubles. x is i32 codes or f64 (`codes`).
 */
function readoutDense(inSize: i32, outSize: i32, w: usize, b: usize, x: usize, codes: bool, scale: f64, out: usize): void {
  const n4 = inSize & ~3;
  for (let o = 0; o < outSize; o++) {
    const row = w + ((<usize>(o * inSize)) << 2);
    let a = f64x2.splat(0);
    let c = f64x2.splat(0);
    let i = 0;
    for (; i < n4; i += 4) {
      let x01: v128;
      let x23: v128;
      if (codes) {
        const xv = v128.load(x + ((<usize>i) << 2));
        x01 = f64x2.convert_low_i32x4_s(xv);
        x23 = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(xv, xv, 2, 3, 0, 1));
      } else {
        x01 = v128.load(x + ((<usize>i) << 3));
        x23 = v128.load(x + ((<usize>i) << 3), 16);
      }
      const wi = row + ((<usize>i) << 2);
      a = f64x2.add(a, f64x2.mul(weights4(wi, false), x01));
      c = f64x2.add(c, f64x2.mul(weights4(wi, true), x23));
    }
    let s0 = f64x2.extract_lane(a, 0);
    let s1 = f64x2.extract_lane(a, 1);
    let s2 = f64x2.extract_lane(c, 0);
    const s3 = f64x2.extract_lane(c, 1);
    if (i < inSize) s0 += wAt(row, i) * xAt(x, codes, i);
    if (i + 1 < inSize) s1 += wAt(row, i + 1) * xAt(x, codes, i + 1);
    if (i + 2 < inSize) s2 += wAt(row, i + 2) * xAt(x, codes, i + 2);
    store<f64>(out + ((<usize>o) << 3), <f64>load<f32>(b + ((<usize>o) << 2)) + (s0 + s1 + (s2 + s3)) * scale);
  }
}

/** The readout on the top layer's h (readout.ts readoutInto before its softmax), into R_OUT. */
export function readout(m: usize): void {
  const r = <usize>geti(m, M_READOUT);
  const top = layer(m, geti(m, M_LAYERS) - 1);
  const h = <usize>geti(top, L_HCUR);
  const scale = load<f64>(r + R_SCALE);
  const out = <usize>geti(r, R_OUT);
  if (geti(r, R_LAYERS) === 1) {
    readoutDense(geti(r, R_IN0), geti(r, R_OUT0), <usize>geti(r, R_W0), <usize>geti(r, R_B0), h, true, scale, out);
    return;
  }
  const mid = <usize>geti(r, R_MID);
  const n = geti(r, R_OUT0);
  readoutDense(geti(r, R_IN0), n, <usize>geti(r, R_W0), <usize>geti(r, R_B0), h, true, scale, mid);
  for (let k = 0; k < n; k++) {
    const q = mid + ((<usize>k) << 3);
    if (load<f64>(q) < 0) store<f64>(q, 0);
  }
  readoutDense(n, geti(r, R_OUT1), <usize>geti(r, R_W1), <usize>geti(r, R_B1), mid, false, 1, out);
}

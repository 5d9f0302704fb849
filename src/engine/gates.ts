// The element-wise GRU gate math (DESIGN.md 2, step 4), shared by the dense and the delta GRU:
// r = σ(M_r), z = σ(M_z), n = tanh(M_nx + r ⊙ M_nh), h = n + z ⊙ (h_prev − n).
//
// Fixed point, exactly (f = activation frac bits, wf = weight frac, g = gateFrac, round = floor(v + 1/2)
// for 'nearest' or floor(v) for 'floor'; accumulators M in units 2^-(f+wf)):
//   1. After all fired columns of a step are added, each M is clamped to the accumulator width and
//      every clamp is counted (once per step, not per addition; skipped where it provably cannot fire).
//   2. Table index k = clamp(round(M · 2^(tableInputFrac − f − wf))); r, z = sigmoid[k], in 2^-g.
//   3. n = tanh[index of (M_nx + round(r · M_nh / 2^g))], in 2^-g.
//   4. h_g = n + round(z · (round(h_prev · 2^(g−f)) − n) / 2^g); h = sat8(round(h_g · 2^(f−g))), counted.
import type { CompiledLayer, CompiledModel, FixedArith } from './compile';
import type { LayerState } from './scratch';

/** Clamps the accumulators to the accumulator width, counting each clamp. */
function saturateAcc(fx: FixedArith, s: LayerState, H: number): void {
  const acc = s.acc;
  const { accMin, accMax } = fx;
  let n = 0;
  for (let k = 0; k < 4 * H; k++) {
    const v = acc[k];
    if (v > accMax || v < accMin) {
      acc[k] = v > accMax ? accMax : accMin;
      n++;
    }
  }
  s.accSat += n;
}

/** Fixed point: table lookups and integer rounding, h rounded to an activation code (counted). */
function gatesFixed(fx: FixedArith, s: LayerState, H: number): void {
  const acc = s.acc;
  const h = s.h;
  const { bias, accToIndex, gateInv, actToGate, gateToAct } = fx;
  const { sigmoid: sig, tanh: tnh, min: lo, max: hi } = fx.tables;
  let actSat = 0;
  const H2 = 2 * H;
  const H3 = 3 * H;
  for (let j = 0; j < H; j++) {
    let k = Math.floor(acc[j] * accToIndex + bias);
    const r = sig[Math.max(lo, Math.min(k, hi)) - lo];
    k = Math.floor(acc[H + j] * accToIndex + bias);
    const z = sig[Math.max(lo, Math.min(k, hi)) - lo];
    k = Math.floor((acc[H2 + j] + Math.floor(r * acc[H3 + j] * gateInv + bias)) * accToIndex + bias);
    const n = tnh[Math.max(lo, Math.min(k, hi)) - lo];
    const hp = Math.floor(h[j] * actToGate + bias);
    let c = Math.floor((n + Math.floor(z * (hp - n) * gateInv + bias)) * gateToAct + bias);
    if (c > 127 || c < -128) {
      c = c > 127 ? 127 : -128;
      actSat++;
    }
    h[j] = c;
  }
  s.actSat += actSat;
}

/**
 * gatesFixed with step 4 in int32 (only where fx.intTail): floor(v / 2^g + 1/2) = (v + 2^(g−1)) >> g
 * for integers, and h_g = h << (g − f) exactly. A quarter faster in V8, which matters because the
 * gate math is the part of a delta step that does not shrink with occupancy.
 */
function gatesFixedIntTail(fx: FixedArith, s: LayerState, H: number): void {
  const acc = s.acc;
  const h = s.h;
  const { bias, accToIndex, gateInv } = fx;
  const { sigmoid: sig, tanh: tnh, min: lo, max: hi } = fx.tables;
  const g = fx.spec.gateFrac;
  const ga = g - fx.spec.activation.fracBits;
  const half = bias > 0 ? 1 << (g - 1) : 0;
  const halfA = bias > 0 && ga > 0 ? 1 << (ga - 1) : 0;
  let actSat = 0;
  const H2 = 2 * H;
  const H3 = 3 * H;
  for (let j = 0; j < H; j++) {
    let k = Math.floor(acc[j] * accToIndex + bias);
    const r = sig[Math.max(lo, Math.min(k, hi)) - lo];
    k = Math.floor(acc[H + j] * accToIndex + bias);
    const z = sig[Math.max(lo, Math.min(k, hi)) - lo];
    k = Math.floor((acc[H2 + j] + Math.floor(r * acc[H3 + j] * gateInv + bias)) * accToIndex + bias);
    const n = tnh[Math.max(lo, Math.min(k, hi)) - lo];
    const hp = (h[j] | 0) << ga;
    let c = (n + ((z * (hp - n) + half) >> g) + halfA) >> ga;
    if (c > 127 || c < -128) {
      c = c > 127 ? 127 : -128;
      actSat++;
    }
    h[j] = c;
  }
  s.actSat += actSat;
}

/** Float: exact functions, h stored as Float32. */
function gatesFloat(s: LayerState, H: number): void {
  const acc = s.acc;
  const h = s.h;
  const H2 = 2 * H;
  const H3 = 3 * H;
  for (let j = 0; j < H; j++) {
    const r = 1 / (1 + Math.exp(-acc[j]));
    const z = 1 / (1 + Math.exp(-acc[H + j]));
    const n = Math.tanh(acc[H2 + j] + r * acc[H3 + j]);
    h[j] = n + z * (h[j] - n);
  }
}

/** Replaces s.h (h_{t-1}) by h_t from the accumulators. */
export function applyGates(cm: CompiledModel, L: CompiledLayer, s: LayerState): void {
  const H = L.hiddenSize;
  if (cm.fixed) {
    // Skipped only where compileModel proved no accumulator can leave the range (see canSaturate).
    if (L.canSaturate) saturateAcc(cm.fixed, s, H);
    if (cm.fixed.intTail) gatesFixedIntTail(cm.fixed, s, H);
    else gatesFixed(cm.fixed, s, H);
  } else {
    gatesFloat(s, H);
  }
}

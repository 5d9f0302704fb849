// One delta-GRU step (DESIGN.md 2, steps 1-4): the only code path for the stepping API, the
// whole-sequence API and data-set evaluation. No allocation.
import type { CompiledLayer, CompiledModel } from './compile';
import { applyGates } from './gates';
import { addColumns } from './kernel';
import type { LayerState, Scratch } from './scratch';

/** Fires x against x̂ and h_{t-1} against ĥ, adds the fired columns, then updates h. */
export function deltaLayerStep(
  cm: CompiledModel,
  L: CompiledLayer,
  s: LayerState,
  x: Float32Array,
  thX: number,
  thH: number,
): void {
  const I = L.inputSize;
  const H = L.hiddenSize;
  const H2 = 2 * H;
  const H3 = 3 * H;
  const xHat = s.xHat;
  const hHat = s.hHat;
  const h = s.h;
  const idx = s.firedIdx;
  const dv = s.firedD;
  let nx = 0;
  for (let i = 0; i < I; i++) {
    const d = x[i] - xHat[i];
    if (d > thX || d < -thX) {
      idx[nx] = i;
      dv[nx] = d;
      nx++;
      xHat[i] = x[i];
    }
  }
  let n = nx;
  for (let j = 0; j < H; j++) {
    const d = h[j] - hHat[j];
    if (d > thH || d < -thH) {
      idx[n] = I + j;
      dv[n] = d;
      n++;
      hHat[j] = h[j];
    }
  }
  const acc = s.acc;
  const exact = cm.fixed !== null;
  // idx holds columns of L.w (hidden unit j is column I + j). Rows r, z of every fired column go to
  // M_r, M_z in one run of passes (fewer part-filled passes than inputs and hidden units apart); rows
  // n of inputs go to M_nx, of hidden units to M_nh. Per accumulator the order of additions is the
  // same as column by column, inputs first, so float results do not change.
  const w = L.w;
  addColumns(acc, 0, H2, w, 0, H3, idx, dv, 0, n, exact);
  addColumns(acc, H2, H, w, H2, H3, idx, dv, 0, nx, exact);
  addColumns(acc, H3, H, w, H2, H3, idx, dv, nx, n, exact);
  s.nx = nx;
  s.nh = n - nx;
  s.steps++;
  s.firedX += nx;
  s.firedH += n - nx;
  applyGates(cm, L, s);
}

/** One step of the whole stack on sc.input; layer l's new h is layer l+1's input. */
export function deltaNetworkStep(cm: CompiledModel, sc: Scratch): void {
  let x = sc.input;
  for (let l = 0; l < cm.layers.length; l++) {
    const s = sc.layers[l];
    deltaLayerStep(cm, cm.layers[l], s, x, sc.thX[l], sc.thH[l]);
    x = s.h;
  }
}

// A shape of the peer benchmark as plain JSON (base64 bytes), so Node can hand exactly the same
// weights, inputs and settings to the Chromium page (page.evaluate carries JSON).
import { decodeModel, encodeModel } from '../../src/engine/format/model';
import type { Thresholds } from '../../src/engine/types';
import type { Item } from './peers';
import type { ShapeInput } from './run-shape';

export interface WireShape {
  name: string;
  model: string;
  items: WireItem[];
  deltas: { variant: string; th: Thresholds; items: WireItem[]; occupancy: number }[];
}

interface WireItem {
  T: number;
  codes: string;
}

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (let k = 0; k < bytes.length; k += 0x8000) s += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(s);
}

function fromB64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) out[k] = s.charCodeAt(k);
  return out;
}

const wireItems = (items: Item[]): WireItem[] =>
  items.map((it) => ({
    T: it.T,
    codes: toB64(new Uint8Array(it.codes.buffer, it.codes.byteOffset, it.codes.length)),
  }));

export function toWire(s: ShapeInput): WireShape {
  return {
    name: s.name,
    model: toB64(encodeModel(s.model)),
    items: wireItems(s.items),
    deltas: s.deltas.map((d) => ({
      variant: d.variant,
      th: d.th,
      items: wireItems(d.items),
      occupancy: d.occupancy,
    })),
  };
}

export function fromWire(w: WireShape): ShapeInput {
  const model = decodeModel(fromB64(w.model));
  const f = model.fixedPoint.activation.fracBits;
  const items = (xs: WireItem[]): Item[] =>
    xs.map((x) => {
      const codes = new Int8Array(fromB64(x.codes).buffer);
      return { T: x.T, codes, real: Float32Array.from(codes, (v) => v * 2 ** -f) };
    });
  return {
    name: w.name,
    model,
    items: items(w.items),
    deltas: w.deltas.map((d) => ({
      variant: d.variant,
      th: d.th,
      items: items(d.items),
      occupancy: d.occupancy,
    })),
  };
}

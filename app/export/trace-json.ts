// The current sequence's result and trace as JSON (typed arrays become plain arrays).
import type { SequenceResult } from '../../src/engine/types';

export interface TraceExportMeta {
  model: string;
  pack: string;
  item: string;
  itemIndex: number;
  thresholds: { thetaX: number[]; thetaH: number[] };
  mode: string;
}

export function traceToJson(meta: TraceExportMeta, result: SequenceResult): string {
  return JSON.stringify({ ...meta, result }, (_, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<number>);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  });
}

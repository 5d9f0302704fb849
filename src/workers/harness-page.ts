// A bare page for browser tests and the benchmark: puts the real engine client (workers from the
// static build) on window.deltalabHarness, with helpers that return plain JSON-able values.
import type { EngineClient } from './api';
import { createEngineClient, type EngineClientOptions } from './client';
import { runThresholdGrid } from './grid-sweep';

/** Typed arrays become number arrays, so results survive page.evaluate unchanged. */
function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

export interface DeltaLabHarness {
  createEngineClient(opts?: EngineClientOptions): EngineClient;
  plain: typeof plain;
  fetchBytes: typeof fetchBytes;
  /** The heatmap's grid runner (row by row through the pool), for the benchmark. */
  runThresholdGrid: typeof runThresholdGrid;
}

declare global {
  interface Window {
    deltalabHarness: DeltaLabHarness;
  }
}

window.deltalabHarness = { createEngineClient, plain, fetchBytes, runThresholdGrid };
document.body.dataset.ready = 'true';

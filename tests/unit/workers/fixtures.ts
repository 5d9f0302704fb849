// The shipped example model and pack as bytes, plus the engine's own answers for them in this
// thread, which the worker results must equal.
import { readFileSync } from 'node:fs';
import { compileModel } from '../../../src/engine/compile';
import { decodeModel, decodePack } from '../../../src/engine/format';
import type { NumericMode } from '../../../src/engine/types';

const MODELS = new URL('../../../public/models/', import.meta.url);

function bytesOf(name: string): ArrayBuffer {
  const b = readFileSync(new URL(name, MODELS));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export const modelBytes = (): ArrayBuffer => bytesOf('example-tiny.dlm');
export const packBytes = (): ArrayBuffer => bytesOf('example-pack.dlp');

const cache = new Map<NumericMode, ReturnType<typeof load>>();

function load(mode: NumericMode) {
  const model = decodeModel(modelBytes());
  return { cm: compileModel(model, mode), pack: decodePack(packBytes()), layers: model.layers.length };
}

/** Decoded and compiled once per mode for the whole test file. */
export function inThread(mode: NumericMode) {
  const hit = cache.get(mode);
  if (hit) return hit;
  const fresh = load(mode);
  cache.set(mode, fresh);
  return fresh;
}

export const th = (x: number, h: number) => ({ thetaX: [x], thetaH: [h] });

/** A grid long enough that a sweep runs for a while. */
export function longGrid(points: number): { thetaX: number; thetaH: number }[] {
  return Array.from({ length: points }, (_, k) => ({ thetaX: k % 7, thetaH: k % 5 }));
}

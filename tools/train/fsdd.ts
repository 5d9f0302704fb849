// Reads the Free Spoken Digit Dataset from disk: file list, official split, decoded mono audio.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wavToMono } from '../../src/data/wav';

export interface FsddFile {
  id: string;
  path: string;
  digit: number;
  speaker: string;
  take: number;
}

const NAME = /^(\d)_([a-z]+)_(\d+)\.wav$/;

/** Every recording under <dir>/recordings, sorted by id so every run sees the same order. */
export function listFsdd(dir: string): FsddFile[] {
  const rec = join(dir, 'recordings');
  const files: FsddFile[] = [];
  for (const name of readdirSync(rec)) {
    const m = NAME.exec(name);
    if (!m) continue;
    files.push({ id: name.slice(0, -4), path: join(rec, name), digit: +m[1], speaker: m[2], take: +m[3] });
  }
  return files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const inTakes = (f: FsddFile, [first, last]: [number, number]): boolean =>
  f.take >= first && f.take <= last;

export function readMono(f: FsddFile, rate: number): Float32Array {
  return wavToMono(new Uint8Array(readFileSync(f.path)), rate);
}

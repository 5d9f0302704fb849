// What a command may touch: its output streams and the file system (in-process tests pass their own).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from './errors';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where the progress bar is drawn, only when it is a terminal (isTTY). */
  errStream: NodeJS.WritableStream & { isTTY?: boolean };
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errStream: process.stderr,
};

/** Reads a file after checking its size against `limit`, so an oversized file is never read in. */
export function readLimited(path: string, limit: number, what: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(`${path}: not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (size > limit) throw new InputError(`${path}: ${size} bytes, over the ${limit}-byte limit for ${what}`);
  return new Uint8Array(readFileSync(path));
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function listDir(path: string): string[] {
  return readdirSync(path).sort();
}

export function writeOut(path: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  } catch (e) {
    throw new InputError(
      `${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

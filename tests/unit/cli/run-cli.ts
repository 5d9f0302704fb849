// Runs the deltalab CLI in process with captured output, in a temporary working folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../tools/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A stand-in for stderr that records what is drawn on it; a terminal when `tty`. */
export function fakeStream(tty: boolean): Writable & { isTTY: boolean; columns: number; text: () => string } {
  let text = '';
  const s = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(s, { isTTY: tty, columns: 100, text: () => text });
}

export function cli(...argv: string[]): CliRun {
  return cliOn(fakeStream(false), ...argv);
}

export function cliOn(errStream: ReturnType<typeof fakeStream>, ...argv: string[]): CliRun {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t), errStream });
  return { code, out, err: err + errStream.text() };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'deltalab-cli-'));
}

export const MODELS = 'public/models';
export const DIGITS = `${MODELS}/digits-delta-l1.dlm`;
export const DIGITS_PACK = `${MODELS}/digits-test.dlp`;
export const TINY = `${MODELS}/example-tiny.dlm`;
export const TINY_PACK = `${MODELS}/example-pack.dlp`;

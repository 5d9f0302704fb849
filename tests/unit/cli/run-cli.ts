// Runs the deltalab CLI in process with captured output, in a temporary working folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../tools/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export function cli(...argv: string[]): CliRun {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false });
  return { code, out, err };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'deltalab-cli-'));
}

export const MODELS = 'public/models';
export const DIGITS = `${MODELS}/digits-delta-l1.dlm`;
export const DIGITS_PACK = `${MODELS}/digits-test.dlp`;
export const TINY = `${MODELS}/example-tiny.dlm`;
export const TINY_PACK = `${MODELS}/example-pack.dlp`;

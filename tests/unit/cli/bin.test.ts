// The installed command itself (bin/deltalab.mjs through tsx): real exit codes, stdout only for
// results, no progress bar when stderr is not a terminal.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TINY, TINY_PACK } from './run-cli';

function run(...args: string[]) {
  return spawnSync(process.execPath, ['bin/deltalab.mjs', ...args], { encoding: 'utf8' });
}

describe('bin/deltalab.mjs', () => {
  it('exits 0 with JSON on stdout and nothing on stderr', () => {
    const r = run('eval', TINY, TINY_PACK, '--theta', '2', '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).n).toBe(48);
    expect(r.stderr).toBe('');
  });

  it('exits 1 and 2 as documented', () => {
    expect(run('eval', 'missing.dlm', TINY_PACK).status).toBe(1);
    const usage = run('nonsense');
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
  });
});

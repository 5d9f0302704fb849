// The installed command itself (bin/deltalab.mjs through tsx): real exit codes, stdout only for
// results, no progress bar when stderr is not a terminal; the bar itself on a stand-in terminal.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOn, fakeStream, TINY, TINY_PACK, tempDir } from './run-cli';

function run(...args: string[]) {
  return spawnSync(process.execPath, ['bin/deltalab.mjs', ...args], { encoding: 'utf8' });
}

describe('progress bar', () => {
  it('is drawn on a terminal and nowhere else', () => {
    const tty = fakeStream(true);
    const r = cliOn(
      tty,
      'sweep',
      TINY,
      TINY_PACK,
      '--thetas',
      '0,1',
      '--out',
      join(tempDir(), 's'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect(tty.text()).toMatch(/sweeping \[/);
    expect(JSON.parse(r.out).points).toHaveLength(2);
    const pipe = fakeStream(false);
    cliOn(pipe, 'sweep', TINY, TINY_PACK, '--thetas', '0,1', '--out', join(tempDir(), 's'));
    expect(pipe.text()).toBe('');
    const quiet = fakeStream(true);
    cliOn(quiet, 'eval', TINY, TINY_PACK, '-q');
    expect(quiet.text()).toBe('');
  });
});

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

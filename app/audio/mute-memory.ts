// The sound switch survives a reload. Storage can be missing or refused (private windows, sandboxed
// frames): then the switch simply starts on.
const KEY = 'deltalab.muted';

export function readMuted(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(muted: boolean): void {
  try {
    globalThis.localStorage?.setItem(KEY, muted ? '1' : '0');
  } catch {
    // Not remembered this time; the switch still works.
  }
}

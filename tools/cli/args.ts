// Flag parsing with node:util parseArgs in strict mode (an unknown flag is a usage error), and the
// threshold flags shared by eval and sweep.
import { parseArgs } from 'node:util';
import { LIMITS } from '../../src/engine/format';
import { UsageError } from './errors';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parse(argv: string[], flags: FlagSpec, positionals: string[]) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, ...flags },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { help: true as const, values, positionals: parsed.positionals };
  if (parsed.positionals.length !== positionals.length) {
    throw new UsageError(
      `expected ${positionals.length} argument(s) (${positionals.join(' ')}), got ${parsed.positionals.length}`,
    );
  }
  return { help: false as const, values, positionals: parsed.positionals };
}

/** A whole number of activation LSBs in 0-255. */
export function theta(flag: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > LIMITS.maxThreshold)
    throw new UsageError(`--${flag} ${v}: expected a whole number 0-${LIMITS.maxThreshold}`);
  return n;
}

/** "0,1,2,4" or "0:8" (inclusive, step 1) or "0:16:2". */
export function thetaList(flag: string, v: string): number[] {
  const range = /^(\d+):(\d+)(?::(\d+))?$/.exec(v);
  if (range) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
    if (step < 1 || to < from)
      throw new UsageError(`--${flag} ${v}: expected from:to[:step] with to >= from and step >= 1`);
    const out: number[] = [];
    for (let t = from; t <= to; t += step) out.push(theta(flag, String(t)));
    return out;
  }
  const list = v.split(',').map((s) => theta(flag, s.trim()));
  if (list.length === 0) throw new UsageError(`--${flag}: no values`);
  return list;
}

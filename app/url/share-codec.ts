// Reads and writes the shareable state as a URL hash ("#model=...&tx=2,2"), never trusting what it reads.
import { paramSchemas, type ShareKey, type ShareState, shareStateSchema } from './share-schema';

/** Longer hashes are not links this lab wrote; they are ignored whole. */
const MAX_HASH_LENGTH = 2000;
const KEYS = Object.keys(paramSchemas) as ShareKey[];

export interface DecodedShare {
  state: ShareState;
  /** Human-readable reasons for every parameter that was ignored. */
  problems: string[];
}

function show(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function decodeShare(hash: string): DecodedShare {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length === 0) return { state: {}, problems: [] };
  if (text.length > MAX_HASH_LENGTH) return { state: {}, problems: ['the link is too long'] };
  const params = new URLSearchParams(text);
  const state: Record<string, unknown> = {};
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (seen.has(key)) {
      // A key given twice keeps neither value: the link is ambiguous.
      problems.push(`"${show(key)}" appears twice`);
      delete state[key];
      continue;
    }
    seen.add(key);
    if (!(KEYS as string[]).includes(key)) {
      problems.push(`unknown parameter "${show(key)}"`);
      continue;
    }
    const parsed = paramSchemas[key as ShareKey].safeParse(value);
    if (parsed.success) state[key] = parsed.data;
    else problems.push(`bad value for ${key}: "${show(value)}"`);
  }
  const checked = shareStateSchema.safeParse(state);
  if (!checked.success)
    return { state: {}, problems: [...problems, 'the link does not describe a lab state'] };
  return { state: checked.data, problems };
}

function encodeValue(key: ShareKey, state: ShareState): string | null {
  switch (key) {
    case 'tx':
    case 'th':
      return state[key]?.join(',') ?? null;
    case 'hide':
      return state.hide?.join(',') ?? null;
    case 'pres':
    case 'layers':
    case 'kiosk':
    case 'loop':
      return state[key] === undefined ? null : state[key] ? '1' : '0';
    case 'neuron':
      return state.neuron ? `${state.neuron.layer}:${state.neuron.kind}:${state.neuron.index}` : null;
    default: {
      const v = state[key];
      return v === undefined ? null : String(v);
    }
  }
}

/** The hash (without "#") for a state; ids are already URL-safe by the schema. */
export function encodeShare(state: ShareState): string {
  const parts: string[] = [];
  for (const key of KEYS) {
    const v = encodeValue(key, state);
    if (v !== null) parts.push(`${key}=${v}`);
  }
  return parts.join('&');
}

// Reading one ONNX node's attributes, with the node named in every complaint.
import { FormatError } from '../format/errors';
import { num } from './read';
import { AT, type AttributeMsg, type NodeMsg } from './schema';

export function nodeLabel(n: NodeMsg): string {
  return n.name ? `node "${n.name}" (${n.opType})` : `a ${n.opType} node`;
}

export function unsupported(n: NodeMsg, why: string): never {
  throw new FormatError('unsupported', `${nodeLabel(n)}: ${why}`);
}

const decoder = new TextDecoder();

/** Attributes of n by name, refusing any name outside `allowed`. */
export function attributes(n: NodeMsg, allowed: readonly string[]): Map<string, AttributeMsg> {
  const map = new Map<string, AttributeMsg>();
  for (const a of n.attribute) {
    if (!allowed.includes(a.name)) unsupported(n, `attribute "${a.name}" is not supported`);
    if (map.has(a.name)) unsupported(n, `attribute "${a.name}" is given twice`);
    map.set(a.name, a);
  }
  return map;
}

function typed(n: NodeMsg, a: AttributeMsg, type: number, what: string): AttributeMsg {
  // Writers before IR version 3 left `type` unset; accept that as the expected type.
  if (a.type !== 0 && a.type !== type) unsupported(n, `attribute "${a.name}" should be ${what}`);
  return a;
}

export function attrInt(
  n: NodeMsg,
  attrs: Map<string, AttributeMsg>,
  name: string,
  fallback: number,
): number {
  const a = attrs.get(name);
  return a ? num(typed(n, a, AT.INT, 'an integer').i, `${nodeLabel(n)} attribute ${name}`) : fallback;
}

export function attrFloat(
  n: NodeMsg,
  attrs: Map<string, AttributeMsg>,
  name: string,
  fallback: number,
): number {
  const a = attrs.get(name);
  return a ? typed(n, a, AT.FLOAT, 'a float').f : fallback;
}

export function attrString(
  n: NodeMsg,
  attrs: Map<string, AttributeMsg>,
  name: string,
  fallback: string,
): string {
  const a = attrs.get(name);
  return a ? decoder.decode(typed(n, a, AT.STRING, 'a string').s) : fallback;
}

export function attrStrings(
  n: NodeMsg,
  attrs: Map<string, AttributeMsg>,
  name: string,
): string[] | undefined {
  const a = attrs.get(name);
  return a ? typed(n, a, AT.STRINGS, 'a list of strings').strings.map((s) => decoder.decode(s)) : undefined;
}

export function attrInts(n: NodeMsg, attrs: Map<string, AttributeMsg>, name: string): number[] | undefined {
  const a = attrs.get(name);
  return a
    ? typed(n, a, AT.INTS, 'a list of integers').ints.map((v) => num(v, `${nodeLabel(n)} attribute ${name}`))
    : undefined;
}

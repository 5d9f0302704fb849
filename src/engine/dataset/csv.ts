// CSV evaluation sets: one row per frame, rows of a sequence together.
//   id,label,f0,f1,...        classification: label is a class index or a class name
//   id,target,f0,f1,...       regression: target (or target_0, target_1, ...) per frame
// The first column is the sequence id; the label/target columns come next; every other column is a
// feature, in order. Numbers are read strictly (an empty or non-numeric cell is an error).
import { FormatError } from '../format/errors';
import type { TaskMeta } from '../types';
import { DATA_LIMITS } from './limits';
import type { RawSequence, RawSet } from './raw-set';

function bad(line: number, message: string): never {
  throw new FormatError('bad-encoding', `CSV line ${line}: ${message}`);
}

function cells(text: string): string[] {
  return text.split(',').map((c) => {
    const t = c.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  });
}

class Growable {
  data = new Float32Array(1024);
  size = 0;
  push(v: number): void {
    if (this.size === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = v;
  }
  take(from: number): Float32Array {
    return this.data.slice(from, this.size);
  }
}

export function parseCsv(bytes: Uint8Array, task: TaskMeta): RawSet {
  if (bytes.length > DATA_LIMITS.maxFileBytes) {
    throw new FormatError(
      'too-large',
      `the CSV file has ${bytes.length} bytes, the limit is ${DATA_LIMITS.maxFileBytes}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError('bad-encoding', 'the CSV file is not UTF-8 text');
  }
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string | null => {
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      lineNo++;
      if (end - pos > DATA_LIMITS.maxLineLength)
        bad(lineNo, `longer than ${DATA_LIMITS.maxLineLength} characters`);
      const line = text.slice(pos, end).replace(/\r$/, '');
      pos = end + 1;
      if (line.trim() !== '') return line;
    }
    return null;
  };
  const header = nextLine();
  if (header === null) throw new FormatError('inconsistent', 'the CSV file is empty');
  const names = cells(header.replace(/^\uFEFF/, ''));
  if (names[0] !== 'id') bad(lineNo, 'the header must start with "id"');
  const regression = task.kind === 'regression';
  const labelCols = regression
    ? names.flatMap((n, i) => (/^target(_\d+)?$/.test(n) ? [i] : []))
    : names.flatMap((n, i) => (n === 'label' ? [i] : []));
  if (regression ? labelCols.length !== task.outputNames.length : labelCols.length !== 1) {
    bad(
      lineNo,
      regression
        ? `a regression model with ${task.outputNames.length} output(s) needs as many target columns`
        : 'the header needs one "label" column',
    );
  }
  const featureCols = names.flatMap((_, i) => (i === 0 || labelCols.includes(i) ? [] : [i]));
  const F = featureCols.length;
  if (F === 0) bad(lineNo, 'the header names no feature columns');
  const frames = new Growable();
  const targets = new Growable();
  const sequences: RawSequence[] = [];
  const seen = new Set<string>();
  let current: { id: string; label: number; start: number; tstart: number; length: number } | null = null;
  const close = () => {
    if (!current) return;
    sequences.push({
      id: current.id,
      frames: frames.take(current.start),
      length: current.length,
      label: current.label,
      ...(regression && { targets: targets.take(current.tstart) }),
    });
    frames.size = current.start;
    targets.size = current.tstart;
  };
  const number = (cell: string, col: number): number => {
    const v = cell === '' ? Number.NaN : Number(cell);
    if (!Number.isFinite(v))
      bad(lineNo, `column ${col + 1} ("${names[col]}") holds "${cell.slice(0, 40)}", not a finite number`);
    return v;
  };
  const labelOf = (cell: string): number => {
    if (task.kind !== 'classification') return -1;
    const byName = task.classNames.indexOf(cell);
    if (byName >= 0 && !/^\d+$/.test(cell)) return byName;
    const v = Number(cell);
    if (cell === '' || !Number.isInteger(v))
      bad(lineNo, `label "${cell.slice(0, 40)}" is neither a class index nor a class name`);
    return v;
  };
  for (let line = nextLine(); line !== null; line = nextLine()) {
    const row = cells(line);
    if (row.length !== names.length) bad(lineNo, `${row.length} cells, the header has ${names.length}`);
    const id = row[0];
    if (id === '') bad(lineNo, 'empty id');
    const label = labelOf(row[labelCols[0]]);
    if (!current || current.id !== id) {
      close();
      if (seen.has(id)) bad(lineNo, `the rows of sequence "${id.slice(0, 40)}" are not together`);
      seen.add(id);
      // close() moved the finished frames out, so this sequence starts at the growable's end.
      current = { id, label, start: frames.size, tstart: targets.size, length: 0 };
    } else if (!regression && label !== current.label) {
      bad(lineNo, `sequence "${id.slice(0, 40)}" changes its label`);
    }
    for (const c of featureCols) frames.push(number(row[c], c));
    if (regression) for (const c of labelCols) targets.push(number(row[c], c));
    current.length++;
  }
  close();
  if (sequences.length === 0) throw new FormatError('inconsistent', 'the CSV file has a header but no rows');
  return { features: F, sequences };
}

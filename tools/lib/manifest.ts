// Read, update and write public/models/manifest.json. Entries are kept sorted by id and written with a
// fixed key order, so regenerating a model changes only the lines that really changed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseManifest } from '../../src/engine/format/index';
import type { Manifest, ManifestModel, ManifestPack } from '../../src/workers/api';

export function emptyManifest(): Manifest {
  return { version: 1, models: [], packs: [] };
}

/** The manifest at path, or an empty one if there is none yet. */
export function readManifest(path: string): Manifest {
  if (!existsSync(path)) return emptyManifest();
  return parseManifest(JSON.parse(readFileSync(path, 'utf8')));
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function upsert<T extends { id: string }>(list: T[], entry: T): T[] {
  return [...list.filter((e) => e.id !== entry.id), entry].sort(byId);
}

export function upsertModel(m: Manifest, entry: ManifestModel): Manifest {
  return { ...m, models: upsert(m.models, entry) };
}

export function upsertPack(m: Manifest, entry: ManifestPack): Manifest {
  return { ...m, packs: upsert(m.packs, entry) };
}

function stableModel(e: ManifestModel): ManifestModel {
  return {
    id: e.id,
    task: e.task,
    method: e.method,
    label: e.label,
    file: e.file,
    ...(e.curve !== undefined && { curve: e.curve }),
    ...(e.report !== undefined && { report: e.report }),
    pack: e.pack,
  };
}

function stablePack(e: ManifestPack): ManifestPack {
  return { id: e.id, task: e.task, label: e.label, file: e.file };
}

/** The JSON text written for m: validated, sorted, fixed key order, 2-space indent, final newline. */
export function manifestJson(m: Manifest): string {
  const valid = parseManifest(m);
  const stable: Manifest = {
    version: 1,
    models: [...valid.models].sort(byId).map(stableModel),
    packs: [...valid.packs].sort(byId).map(stablePack),
  };
  return `${JSON.stringify(stable, null, 2)}\n`;
}

export function writeManifest(path: string, m: Manifest): void {
  writeFileSync(path, manifestJson(m));
}

// public/models/manifest.json: which models and packs the lab ships. Paths must stay relative to the
// manifest and inside its folder, so a manifest can never make the lab fetch from elsewhere.
import { z } from 'zod';
import type { Manifest } from '../../workers/api';
import { FormatError } from './errors';
import { LIMITS } from './limits';
import { parseWith } from './schema';

const id = z
  .string()
  .max(LIMITS.maxNameLength)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-"');
const label = z.string().min(1).max(LIMITS.maxNameLength);
const path = z
  .string()
  .max(LIMITS.maxNameLength)
  // Segments may not start with '.', which rules out '.' and '..' as well as hidden files.
  .regex(
    /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/,
    'must be a relative path like dir/file.ext',
  );

const modelSchema = z.object({
  id,
  task: id,
  method: id,
  label,
  file: path,
  curve: path.optional(),
  report: path.optional(),
  pack: id,
});

const packSchema = z.object({ id, task: id, label, file: path });

const manifestSchema = z.object({
  version: z.literal(1),
  models: z.array(modelSchema).max(LIMITS.maxManifestEntries),
  packs: z.array(packSchema).max(LIMITS.maxManifestEntries),
});

function checkUnique(ids: string[], what: string): void {
  const seen = new Set<string>();
  for (const i of ids) {
    if (seen.has(i)) throw new FormatError('bad-manifest', `manifest: ${what} id '${i}' appears twice`);
    seen.add(i);
  }
}

export function parseManifest(json: unknown): Manifest {
  const m = parseWith(manifestSchema, json, 'bad-manifest', 'manifest');
  checkUnique(
    m.models.map((x) => x.id),
    'model',
  );
  checkUnique(
    m.packs.map((x) => x.id),
    'pack',
  );
  const packs = new Set(m.packs.map((p) => p.id));
  for (const model of m.models) {
    if (!packs.has(model.pack)) {
      throw new FormatError(
        'bad-manifest',
        `manifest: model '${model.id}' names pack '${model.pack}', which is not listed`,
      );
    }
  }
  return m;
}

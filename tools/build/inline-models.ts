// For the single-file build: the shipped models folder as a virtual module (path → gzip, base64) that
// app/boot/inlined-models.ts serves to the page. Only what the lab loads goes in: the manifest, and the
// model, curve and pack files it names (the training reports stay out).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const ID = 'virtual:deltalab-inlined-models';
const RESOLVED = `\0${ID}`;

interface ManifestFiles {
  models: { file: string; curve?: string }[];
  packs: { file: string }[];
}

/** The files of a models folder that the lab fetches, manifest first. */
export function shippedFiles(manifest: ManifestFiles): string[] {
  const files = ['manifest.json'];
  for (const m of manifest.models) files.push(m.file, ...(m.curve ? [m.curve] : []));
  for (const p of manifest.packs) files.push(p.file);
  return [...new Set(files)];
}

export function inlineModels(modelsDir: string): Plugin {
  return {
    name: 'deltalab:inline-models',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const manifestPath = join(modelsDir, 'manifest.json');
      this.addWatchFile(manifestPath);
      const files = shippedFiles(JSON.parse(readFileSync(manifestPath, 'utf8')));
      const entries = files.map((f) => {
        const bytes = readFileSync(join(modelsDir, f));
        return [f, gzipSync(bytes, { level: 9 }).toString('base64')];
      });
      return `export default ${JSON.stringify(Object.fromEntries(entries))};`;
    },
  };
}

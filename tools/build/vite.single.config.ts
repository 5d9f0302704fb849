// `npm run build:single`: the whole lab as one HTML file, dist-single/deltalab.html, that works when
// opened straight from disk (file://): scripts and styles inlined (vite-plugin-singlefile), the engine
// worker as a blob: worker, the shipped models, packs and curves inlined as gzip (app/boot/*.single.ts).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { cspPlugin } from './csp';
import { inlineModels } from './inline-models';

const root = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUT = 'deltalab.html';

/**
 * The one file and nothing beside it. The client's default module worker (never started here: the
 * inline one replaces it) still makes the bundler emit the worker as a file of its own.
 */
function onlyTheFile(): Plugin {
  return {
    name: 'deltalab:only-the-file',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const name of Object.keys(bundle)) if (name !== OUTPUT) delete bundle[name];
      },
    },
  };
}

export default defineConfig({
  root,
  base: './',
  // Nothing is copied beside the file: the models travel inside it.
  publicDir: false,
  plugins: [
    react(),
    inlineModels(`${root}public/models`),
    viteSingleFile({ outputFileName: OUTPUT, removeViteModuleLoader: true }),
    // Last: it hashes the scripts that the plugin above has just inlined.
    cspPlugin(),
    onlyTheFile(),
  ],
  resolve: {
    alias: [
      { find: /^\.\/boot\/engine-options$/, replacement: `${root}app/boot/engine-options.single.ts` },
      { find: /^\.\/boot\/offline$/, replacement: `${root}app/boot/offline.single.ts` },
    ],
  },
  // Classic, not module: Chromium refuses module workers from blob: URLs of a file:// page.
  worker: { format: 'iife' },
  build: {
    target: 'es2022',
    outDir: 'dist-single',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: { input: `${root}index.html` },
  },
});

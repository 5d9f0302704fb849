import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { demoPlugins } from './tools/build/demo-plugins';

// Relative base so the static build runs from any sub-path of any static host (docs: README, "Run it
// anywhere"); a page opened straight from disk needs the single-file build (tools/build/vite.single.config.ts).
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [react(), ...demoPlugins()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // The engine-worker harness page that browser tests and the benchmark drive is built only in
    // their mode (`vite build --mode harness`); the lab a user gets ships without it.
    rolldownOptions: {
      input: {
        main: 'index.html',
        ...(mode === 'harness' ? { workersHarness: 'workers-harness.html' } : {}),
      },
    },
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
}));

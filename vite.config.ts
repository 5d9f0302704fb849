import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Relative base so the static build runs from any folder (a USB stick on a projector laptop).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // The second page is the engine-worker harness that browser tests and the benchmark drive.
    rolldownOptions: { input: { main: 'index.html', workersHarness: 'workers-harness.html' } },
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});

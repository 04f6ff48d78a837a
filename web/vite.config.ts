/**
 * The web app is built by Vite; JSX goes through Vite's own transformer with Preact's
 * automatic runtime, so no Babel preset is needed. In development `/api` is proxied to a
 * running server (`npm start` on port 3000 unless KOERSBORD_API says otherwise).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // One chunk for the app; ECharts is imported per chart type so it stays small.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.KOERSBORD_API ?? 'http://127.0.0.1:3000' },
  },
});

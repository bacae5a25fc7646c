import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The gateway the dev server forwards API calls to (`nx serve api-gateway`). */
const GATEWAY = process.env.CONSOLE_GATEWAY_URL ?? 'http://127.0.0.1:3000';

/** Paths of the gateway's API the console calls; its own pages live under /console/. */
const API_PATHS = ['/auth', '/users', '/products', '/orders', '/admin', '/health'];

export default defineConfig({
  root,
  // Where the gateway serves the build (apps/api-gateway/src/console).
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/console', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    port: 4300,
    strictPort: true,
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: GATEWAY }])),
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The display app is built into dist/display and served by the api at /. In development
// (`npm run dev:display`) Vite serves it with hot reload and proxies /api and /live to the api on :3000.
export default defineConfig({
  root: __dirname,
  // The one wire contract shared with the api (types and the error catalog).
  resolve: { alias: { '@hallq/contracts': resolve(__dirname, '../../libs/contracts/src/index.ts') } },
  build: { outDir: resolve(__dirname, '../../dist/display'), emptyOutDir: true },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});

import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs on :3000 (`pnpm dev`); in production it serves dist/ itself.
const api = 'http://localhost:3000';

export default defineConfig({
  // The router plugin must come before react(): it generates src/routeTree.gen.ts (committed, so a clean
  // clone typechecks) and splits every route file into its own lazy chunk.
  plugins: [tanstackRouter({ target: 'react', autoCodeSplitting: true, quoteStyle: 'single' }), react()],
  server: {
    proxy: {
      '/trpc': api,
      '/health': api,
      '/api': api,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: scripts/bundle-size.ts reads the entry's static imports from it.
    manifest: true,
  },
});

// The web app's build: apps/web → dist/web, served by the API at / (apps/api/src/web/web-app.ts).
// No React plugin: Vite's own transform compiles TSX (tsconfig's "jsx": "react-jsx"), and
// fast refresh is not needed for a page built by `npm start`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      // react-router marks its modules "use client" for React Server Components; meaningless in a page bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});

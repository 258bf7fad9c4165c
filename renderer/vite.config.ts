import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from '../shared/ipc/csp';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));

/** The one CSP (shared/ipc/csp.ts) as a <meta> tag: Electron loads index.html from file://, without headers. */
function cspMeta(): Plugin {
  return {
    name: 'crm-companion-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true, connect: ['ws://127.0.0.1:*'] }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: rendererDir,
  // Relative asset URLs: the same bundle loads from file:// inside Electron and from the 127.0.0.1 host.
  base: './',
  plugins: [react(), cspMeta()],
  // No public/ folder: everything the page needs is imported, so it gets hashed and checked by the build.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: separate chunks keep the browser-mode cache useful and
        // each chunk under the size warning.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // Fluent UI and the helpers only it pulls in (styling engine, focus management, positioning).
            { name: 'fluent', test: /node_modules[\\/](@fluentui|@griffel|@floating-ui|tabster|keyborg|@swc|@emotion|stylis|rtl-css-js|embla-carousel)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1' }, // dev server: loopback only, like the browser-mode host
});

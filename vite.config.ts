import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built app connects nowhere: its CSP says connect-src 'none'. The dev server keeps
 * 'self' (index.html) because Vite's hot reload talks over a same-origin WebSocket.
 */
function noConnectionsInBuild(): Plugin {
  return {
    name: 'hopscope-csp-no-connections',
    apply: 'build',
    transformIndexHtml(html) {
      if (!html.includes("connect-src 'self'")) throw new Error('index.html CSP: expected connect-src \'self\' to tighten');
      return html.replace("connect-src 'self'", "connect-src 'none'");
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), noConnectionsInBuild()],
  // Scenarios live at the top level and are bundled as raw text (see src/ui/scenarios.ts).
  server: { port: 5173, strictPort: false, fs: { allow: ['.'] } },
  preview: { port: 4173 },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // The engine is pure (no globals, no side effects on import: ESLint keeps it so), and so is
      // the YAML library it uses: a page module that takes one function from the engine's index
      // must not carry the rest of it (scenario loading, every parser) into the first download.
      treeshake: { moduleSideEffects: (id) => !/[\\/](src[\\/]engine|node_modules[\\/]yaml)[\\/]/.test(id) },
    },
  },
  worker: { format: 'es' },
});

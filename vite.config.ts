import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // Scenarios live at the top level and are bundled as raw text (see src/ui/scenarios.ts).
  server: { port: 5173, strictPort: false, fs: { allow: ['.'] } },
  preview: { port: 4173 },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
});

import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// The web app. In development (`npm run dev`) Vite proxies the REST API and the
// WebSocket sync endpoint to a Tessera server on :1234; in production the server
// serves the built `dist/` itself on one port.
const serverTarget = process.env.TESSERA_DEV_SERVER ?? 'http://localhost:1234'

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': serverTarget,
      '/healthz': serverTarget,
      '/ws': { target: serverTarget.replace(/^http/, 'ws'), ws: true },
    },
  },
})

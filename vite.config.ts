import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { preloadAppChunk } from './build/preloadAppChunk.ts'
import { loadStageGroups } from './build/loadStages.ts'

// The web app. In development (`npm run dev`) Vite proxies the REST API and the
// WebSocket sync endpoint to a Tessera server on :1234; in production the server
// serves the built `dist/` itself on one port.
const serverTarget = process.env.TESSERA_DEV_SERVER ?? 'http://localhost:1234'

export default defineConfig({
  plugins: [
    react(),
    preloadAppChunk('/src/app/mountApp.tsx'),
    // Offline app shell (src/app/offline/serviceWorker.ts registers it in production builds).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: false,
      filename: 'sw.js',
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png,ico,woff,woff2}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        skipWaiting: true,
        clientsClaim: true,
        // Navigations: network first (an online load always gets the current app), the
        // precached index.html when offline — for '/' and '/r/<room>' only; the API,
        // health and metrics endpoints are never answered from the cache.
        navigateFallback: null,
        runtimeCaching: [
          {
            urlPattern: ({ request, url }) =>
              request.mode === 'navigate' &&
              (url.pathname === '/' || url.pathname.startsWith('/r/')) &&
              !/^\/(api|healthz|metrics)(\/|$)/.test(url.pathname),
            handler: 'NetworkOnly',
            options: { precacheFallback: { fallbackURL: '/index.html' } },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: loadStageGroups(import.meta.dirname, [
            { name: 'index', entry: 'src/app/main.tsx' },
            { name: 'mountApp', entry: 'src/app/mountApp.tsx' },
          ]),
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': serverTarget,
      '/healthz': serverTarget,
      // The sync socket is `ws://host/<room>` (same origin, like y-websocket): forward WebSocket
      // upgrades on single-segment paths to the server; plain page loads stay with Vite.
      '^/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*(\\?.*)?$': {
        target: serverTarget,
        ws: true,
        bypass: (req) => (req.headers.upgrade ? undefined : req.url),
      },
    },
  },
})

import { boardReady } from './board/boardReady'
import { preconnect } from './board/preconnect'
import { registerServiceWorker } from './offline/serviceWorker' // offline-first: app shell service worker
import { parseRoute } from './routes'

// The entry script is small: on a board's page it opens the room's connection first, then loads
// the app (React, Konva, the editor) as a separate chunk, so the server's first sync overlaps
// with the browser compiling and mounting the editor.
const route = parseRoute(location.pathname)
if (route.name === 'board') preconnect(route.room)

void import('./mountApp').then(({ mountApp }) => mountApp())

// offline-first: production builds only (dev has no sw.js); after a board's first sync
if (import.meta.env.PROD) registerServiceWorker(route.name === 'board' ? boardReady : undefined)

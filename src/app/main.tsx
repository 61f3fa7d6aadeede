import { preconnect } from './board/preconnect'
import { registerServiceWorker } from './offline/serviceWorker' // offline-first: app shell service worker
import { parseRoute } from './routes'

// The entry script is small: on a board's page it opens the room's connection first, then loads
// the app (React, Konva, the editor) as a separate chunk, so the server's first sync overlaps
// with the browser compiling and mounting the editor.
const route = parseRoute(location.pathname)
if (route.name === 'board') {
  try {
    preconnect(route.room)
  } catch (err) {
    // the board page connects by itself when it mounts; never keep the app from starting
    console.warn('could not open the board connection early', err)
  }
}

void import('./mountApp').then(({ mountApp }) => mountApp())

// offline-first: production builds only (dev has no sw.js). It registers when the page has gone
// quiet after loading (offline/serviceWorker.ts), not in the middle of a board's first sync.
if (import.meta.env.PROD) registerServiceWorker()

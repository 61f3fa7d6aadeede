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

// offline-first: production builds only (dev has no sw.js). Installing it precaches (and Chromium
// compiles) the app's scripts: on the page's load event it overlaps the board's first sync rather than
// the first seconds of editing, where it made frames late (bench:editor, pan/zoom p95 33 ms vs 16.8).
if (import.meta.env.PROD) registerServiceWorker()

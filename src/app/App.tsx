import { lazy, Suspense, useEffect, useState } from 'react'
import { parseRoute, type Route } from './routes'
import { BoardPage } from './board/BoardPage'

// The lobby is its own chunk: a board's page (most loads, and every shared link) never needs it.
const Lobby = lazy(() => import('./lobby/Lobby').then((m) => ({ default: m.Lobby })))

/** The shell: picks the screen from the URL path. */
export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.pathname))
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.pathname))
    window.addEventListener('popstate', on)
    return () => window.removeEventListener('popstate', on)
  }, [])
  switch (route.name) {
    case 'lobby':
      return (
        <Suspense fallback={<div className="boot" role="status">Loading…</div>}>
          <Lobby />
        </Suspense>
      )
    case 'board':
      return <BoardPage key={route.room} room={route.room} />
    case 'notFound':
      return (
        <main style={{ fontFamily: 'system-ui', padding: 24 }}>
          <h1>Not found</h1>
          <p>
            Nothing at <code>{route.path}</code>. <a href="/">Back to the lobby</a>
          </p>
        </main>
      )
  }
}

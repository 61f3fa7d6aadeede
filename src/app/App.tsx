import { useEffect, useState } from 'react'
import { parseRoute, type Route } from './routes'
import { Lobby } from './lobby/Lobby'
import { BoardPage } from './board/BoardPage'

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
      return <Lobby />
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

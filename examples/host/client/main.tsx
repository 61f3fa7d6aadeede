import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { TesseraBoard } from 'tessera/react'

const room = location.pathname.startsWith('/board/') ? location.pathname.slice('/board/'.length) : 'team-plan'
const serverUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/tessera`

function Login({ onIn }: { onIn: (name: string) => void }) {
  const [name, setName] = useState('')
  return (
    <form
      data-testid="login"
      onSubmit={async (e) => {
        e.preventDefault()
        const r = await fetch('/login', { method: 'POST', body: new URLSearchParams({ name }) })
        if (r.ok) onIn(name)
      }}
    >
      <label>
        Your name <input data-testid="login-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>{' '}
      <button type="submit">Sign in</button>
    </form>
  )
}

function App() {
  const [user, setUser] = useState<string | null | undefined>(undefined)
  const [sharing, setSharing] = useState(false)
  useEffect(() => {
    void fetch('/me').then((r) => r.json()).then((me: { user: string | null }) => setUser(me.user))
  }, [])
  if (user === undefined) return null
  return (
    <>
      <header>
        <strong>Acme Projects</strong>
        <span style={{ marginLeft: 'auto' }}>{user ? `Signed in as ${user}` : 'Not signed in'}</span>
      </header>
      <main>
        {!user && <Login onIn={setUser} />}
        {user && (
          <>
            {sharing && (
              <div role="dialog" data-testid="host-share-dialog" style={{ marginBottom: 8 }}>
                Invite a colleague: <input readOnly value={location.href} style={{ width: 360 }} />{' '}
                <button onClick={() => setSharing(false)}>Done</button>
              </div>
            )}
            <div className="board-frame">
              <TesseraBoard
                serverUrl={serverUrl}
                room={room}
                user={{ name: user }}
                onShareClick={() => setSharing(true)}
                onReady={() => performance.mark('host:board-ready')}
              />
            </div>
          </>
        )}
      </main>
    </>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

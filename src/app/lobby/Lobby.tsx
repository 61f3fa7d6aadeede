import { useEffect, useState, type FormEvent } from 'react'
import { ApiError, createRoom, getRoom } from '../api'
import { loadRecentBoards, rememberBoard, type RecentBoard } from '../recentBoards'
import { boardPath } from '../routes'
import { Tutorial } from '../tutorial/Tutorial'
import { openTutorial } from '../tutorial/tutorialState'
import { normalizeCode, parseJoinInput } from './joinInput'
import { navigate } from './navigate'
import { RecentBoards } from './RecentBoards'
import './lobby.css'

/** The lobby at '/': create a board, join one by code, re-open a recent one. */
export function Lobby() {
  const [title, setTitle] = useState('')
  const [creating, setCreating] = useState(false)
  const [createError, setCreateError] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [joinError, setJoinError] = useState<string | null>(null)
  const [recent, setRecent] = useState<RecentBoard[]>(() => loadRecentBoards())

  useEffect(() => {
    document.title = 'Tessera'
    // Another tab may have opened boards meanwhile.
    const onStorage = () => setRecent(loadRecentBoards())
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  async function onCreate(e: FormEvent) {
    e.preventDefault()
    setCreating(true)
    setCreateError(null)
    try {
      const created = await createRoom(title.trim())
      rememberBoard({
        room: created.room,
        title: created.title,
        role: 'owner',
        token: created.ownerToken,
        editorToken: created.editorToken,
        viewerToken: created.viewerToken,
      })
      navigate(boardPath(created.room, created.ownerToken))
    } catch (err) {
      setCreateError(err instanceof ApiError ? err.message : 'Could not create the board')
      setCreating(false)
    }
  }

  async function onJoin(e: FormEvent) {
    e.preventDefault()
    const target = parseJoinInput(code)
    if (!target.ok) {
      setJoinError(target.message)
      return
    }
    const known = recent.find((b) => b.room === target.room)
    const token = target.token ?? known?.token ?? null
    // Ask first, so a mistyped code gets a plain answer instead of a board page that cannot open
    // (and never lands in Recent boards or the offline copies).
    // (Only for codes: a plain room name may be a y-websocket room that has no record.)
    const isCode = normalizeCode(target.room) === target.room
    const refusal = known || !isCode ? null : await joinRefusal(target.room, token)
    if (refusal) setJoinError(refusal)
    else navigate(boardPath(target.room, token))
  }

  return (
    <main className="ts-lobby">
      <header className="ts-lobby-brand">
        <span className="ts-logo" aria-hidden="true">
          <span />
          <span />
          <span />
          <span />
        </span>
        <h1>Tessera</h1>
        <p>A whiteboard for thinking together — self-hosted, real-time, works offline.</p>
      </header>

      <div className="ts-lobby-grid">
        <form className="ts-card" onSubmit={onCreate}>
          <h2>Create a board</h2>
          <p className="ts-card-hint">Start from a blank canvas. You become its owner.</p>
          <label className="ts-field">
            <span>Board name</span>
            <input
              data-testid="create-title"
              value={title}
              maxLength={200}
              placeholder="e.g. Sprint planning"
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <button className="ts-btn ts-btn-primary ts-btn-block" data-testid="create-board" type="submit" disabled={creating}>
            {creating ? 'Creating…' : 'Create board'}
          </button>
          {createError && (
            <p className="ts-error" role="alert" data-testid="create-error">
              {createError}
            </p>
          )}
        </form>

        <form className="ts-card" onSubmit={onJoin}>
          <h2>Join by code</h2>
          <p className="ts-card-hint">Type the code you were given, or paste a board link.</p>
          <label className="ts-field">
            <span>Board code</span>
            <input
              data-testid="join-code"
              className="ts-code-input"
              value={code}
              placeholder="K7P2QX"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setCode(e.target.value)
                setJoinError(null)
              }}
            />
          </label>
          <button className="ts-btn ts-btn-ghost ts-btn-block" data-testid="join-button" type="submit">
            Join board
          </button>
          {joinError && (
            <p className="ts-error" role="alert" data-testid="join-error">
              {joinError}
            </p>
          )}
        </form>
      </div>

      <RecentBoards boards={recent} />

      <footer className="ts-lobby-footer">
        <button className="ts-link" data-testid="open-tutorial" onClick={openTutorial}>
          Take the tour
        </button>
      </footer>
      <Tutorial autoShow />
    </main>
  )
}

/**
 * Why a board cannot be opened with this code, or null when it can (or when the server cannot
 * be asked: offline, a board kept on this device may still open). The server answers a private
 * board like a missing one to callers without a link, so that answer names both.
 */
export async function joinRefusal(room: string, token: string | null): Promise<string | null> {
  try {
    await getRoom(room, token)
    return null
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) return null
    if (err.status === 404) return 'No board with that code'
    if (err.status === 401 || err.status === 403)
      return 'No board with that code — or it is private: ask its owner for a link'
    if (err.status === 429) return 'Too many tries — wait a minute, then try again'
    return err.message
  }
}

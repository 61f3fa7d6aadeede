import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react'
import { systemOrigin } from '../../doc/origins'
import { ApiError, getRoom, updateRoom, type RoomAccess, type RoomInfo } from '../api'
import { useBoard } from '../../canvas/board/BoardContext'
import { localCopyFor, ViewOnlyLocalBadge } from '../offline'
import { findRecentBoard, forgetBoard, rememberBoard } from '../recentBoards'
import { Tutorial } from '../tutorial/Tutorial'
import { effectiveRole } from './boardRole'
import { RoomEndedNotice } from './RoomEndedNotice'
import { decodeTokenClaims } from './tokenClaims'
import { useRoomEnded } from './useRoomEnded'
import { useRoomMeta } from './useRoomMeta'
import { ViewOnlyBadge } from './ViewOnlyBadge'
import './share.css'
import { retryImport } from '../../canvas/retryImport'

// The Share dialog (links, access, revoking) is its own chunk, fetched when it first opens.
const ShareDialog = lazy(() => retryImport(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog }))))

/**
 * Top-left of the board: the title (renamable by the owner), the Share button with its "Shared"
 * pill, the "View only" badge for viewers, and the notice shown when the owner ends the board.
 * Title and access come live from the room's `meta` map (see useRoomMeta), with the REST record
 * as a fallback until the server has written them.
 */
export function BoardHeader() {
  const { conn, store } = useBoard()
  const meta = useRoomMeta(conn.doc)
  const ended = useRoomEnded(conn.provider, conn.room, conn.token)
  const recent = useMemo(() => findRecentBoard(conn.room), [conn.room])
  const token = conn.token ?? recent?.token ?? null
  const [info, setInfo] = useState<RoomInfo | null>(null)
  const [shareOpen, setShareOpen] = useState(false)

  const access: RoomAccess = meta.access ?? info?.access ?? 'private'
  const title = meta.title ?? info?.title ?? ''
  const role = effectiveRole(conn.room, token, meta.access ?? info?.access)
  // A board opened through a view link keeps a receive-only copy (offline module): it never sends,
  // so its editor is read-only too, even where the room's link access would let it edit.
  const receiveOnly = localCopyFor(conn.doc)?.access === 'view'
  const isViewer = role === 'viewer' || receiveOnly

  // The REST record fills in title/access for servers (or moments) where meta is not yet written.
  useEffect(() => {
    let live = true
    getRoom(conn.room, token)
      .then((r) => live && setInfo(r))
      .catch(() => {
        // 404 for ad-hoc rooms of an --open server, 401 offline…: meta alone is enough.
      })
    return () => {
      live = false
    }
  }, [conn.room, token])

  // Viewers get a read-only editor; only undo what this header did, other parts may set it too.
  const madeReadOnly = useRef(false)
  useEffect(() => {
    if (isViewer && !store.get().readOnly) {
      store.setReadOnly(true)
      madeReadOnly.current = true
    } else if (!isViewer && madeReadOnly.current) {
      store.setReadOnly(false)
      madeReadOnly.current = false
    }
  }, [isViewer, store])

  // Remember the visit (and the current title) for the lobby's recent boards.
  useEffect(() => {
    if (ended) return
    // The token's own role (not the one raised by link access), so a stronger token is never replaced.
    rememberBoard({ room: conn.room, title, token, role: decodeTokenClaims(token)?.role ?? null })
  }, [conn.room, title, token, ended])

  useEffect(() => {
    if (ended?.kind === 'deleted') forgetBoard(conn.room)
  }, [ended, conn.room])

  useEffect(() => {
    document.title = title ? `${title} · Tessera` : `${conn.room} · Tessera`
  }, [title, conn.room])

  /** Mirrors an accepted change into meta at once (the server writes the same values). */
  function writeMeta(patch: { title?: string; access?: RoomAccess }) {
    if (isViewer) return
    conn.doc.transact(() => {
      const m = conn.doc.getMap('meta')
      if (patch.title !== undefined) m.set('title', patch.title)
      if (patch.access !== undefined) m.set('access', patch.access)
    }, systemOrigin)
  }

  return (
    <>
      <div className="ts-board-header" data-testid="board-header">
        <a className="ts-home" href="/" aria-label="Back to the lobby" title="All boards">
          <span className="ts-logo-small" aria-hidden="true">
            <span />
            <span />
            <span />
            <span />
          </span>
        </a>
        <BoardTitle
          title={title}
          editable={role === 'owner'}
          onRename={async (next) => {
            const updated = await updateRoom(conn.room, token, { title: next })
            setInfo(updated)
            writeMeta({ title: updated.title })
          }}
        />
        <button className="ts-share-button" data-testid="share-button" onClick={() => setShareOpen(true)}>
          Share
          {access !== 'private' && (
            <span className="ts-shared-pill" data-testid="shared-pill" title={access === 'edit' ? 'Anyone with the link can edit' : 'Anyone with the link can view'}>
              Shared
            </span>
          )}
        </button>
        {/* One "View only" badge: the header's; the offline one only where the header shows none. */}
        {isViewer ? <ViewOnlyBadge /> : <ViewOnlyLocalBadge />}
      </div>
      {shareOpen && (
        <Suspense fallback={null}>
          <ShareDialog
            room={conn.room}
            role={role}
            access={access}
            token={token}
            editorToken={recent?.editorToken ?? (role === 'editor' ? token : null)}
            viewerToken={recent?.viewerToken ?? (role === 'viewer' ? token : null)}
            onAccessChanged={(next) => {
              setInfo((i) => (i ? { ...i, access: next } : i))
              writeMeta({ access: next })
            }}
            onClose={() => setShareOpen(false)}
          />
        </Suspense>
      )}
      {ended && <RoomEndedNotice end={ended} />}
      <Tutorial />
    </>
  )
}

/** The board's name; the owner edits it in place (Enter saves, Escape cancels). */
function BoardTitle(props: { title: string; editable: boolean; onRename(title: string): Promise<void> }) {
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const shown = props.title || 'Untitled board'

  async function commit() {
    if (draft === null) return
    const next = draft.trim()
    setDraft(null)
    if (next === props.title) return
    try {
      await props.onRename(next)
      setError(null)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not rename the board')
    }
  }

  if (draft !== null) {
    return (
      <input
        className="ts-title-input"
        data-testid="board-title"
        aria-label="Board name"
        autoFocus
        maxLength={200}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          // Keep editor shortcuts (Delete, letters) from acting on the canvas while typing.
          e.stopPropagation()
          if (e.key === 'Enter') e.currentTarget.blur()
          if (e.key === 'Escape') setDraft(null)
        }}
      />
    )
  }
  return (
    <>
      {props.editable ? (
        <button className="ts-title ts-title-editable" data-testid="board-title" title="Rename" onClick={() => setDraft(props.title)}>
          {shown}
        </button>
      ) : (
        <span className="ts-title" data-testid="board-title">
          {shown}
        </span>
      )}
      {error && (
        <span className="ts-title-error" role="alert">
          {error}
        </span>
      )}
    </>
  )
}

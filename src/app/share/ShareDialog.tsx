import { useEffect, useRef, useState } from 'react'
import { ApiError, deleteRoom, getRoom, updateRoom, type Role, type RoomAccess, type RoomInfo } from '../api'
import { navigate } from '../lobby/navigate'
import { findRecentBoard, forgetBoard, rememberBoard } from '../recentBoards'
import { copyText } from './copyText'
import { LinkAccess } from './LinkAccess'
import { RevokeLinks } from './RevokeLinks'
import { shareLinks } from './shareLinks'

const ACCESS_OPTIONS: Array<{ value: RoomAccess; label: string; hint: string }> = [
  { value: 'private', label: 'Private', hint: 'Only people with an edit or view link' },
  { value: 'view', label: 'Anyone with the link can view', hint: 'The board link opens it read-only' },
  { value: 'edit', label: 'Anyone with the link can edit', hint: 'The board link opens it for editing' },
]

export interface ShareDialogProps {
  room: string
  role: Role
  access: RoomAccess
  /** the token this browser uses for the room (for PATCH/DELETE) */
  token: string | null
  editorToken: string | null
  viewerToken: string | null
  /** called with the new access after the server accepted it */
  onAccessChanged(access: RoomAccess): void
  onClose(): void
}

/** Who can open the board and the links to hand out. Only the owner can change access or delete. */
export function ShareDialog(props: ShareDialogProps) {
  const { room, role, access } = props
  const isOwner = role === 'owner'
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const dialogRef = useRef<HTMLDivElement>(null)
  // The room's link secret (the owner reads it from the server; a link user holds the one they came with) and code access.
  const [info, setInfo] = useState<RoomInfo | null>(null)
  useEffect(() => {
    let live = true
    getRoom(room, props.token)
      .then((r) => live && setInfo(r))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [room, props.token])
  const linkSecret = info?.linkSecret ?? (props.token?.startsWith('ls-') ? props.token : null)
  const codeAccess = info?.codeAccess ?? false
  // After "Revoke links" the new edit and view tokens replace the ones this browser kept.
  const [tokens, setTokens] = useState(() => {
    const kept = findRecentBoard(room) // read now: a revoke in an earlier opening of this dialog replaced them
    return { editor: kept?.editorToken ?? props.editorToken, viewer: kept?.viewerToken ?? props.viewerToken }
  })
  const links = shareLinks(location.origin, room, access, tokens, { linkSecret, codeAccess })

  useEffect(() => {
    dialogRef.current?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') props.onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  async function changeAccess(next: RoomAccess) {
    if (!isOwner || next === access) return
    setBusy(true)
    setError(null)
    try {
      const updated = await updateRoom(room, props.token, { access: next })
      setInfo(updated)
      props.onAccessChanged(updated.access)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not change access')
    } finally {
      setBusy(false)
    }
  }

  async function copy(what: string, text: string) {
    if (await copyText(text)) {
      setCopied(what)
      setTimeout(() => setCopied((c) => (c === what ? null : c)), 1500)
    }
  }

  async function endBoard() {
    setBusy(true)
    setError(null)
    try {
      await deleteRoom(room, props.token)
      forgetBoard(room)
      navigate('/')
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not delete the board')
      setBusy(false)
    }
  }

  const missing = isOwner ? 'This browser does not have this link: it is kept by the browser that created the board.' : 'Only the owner can hand out this link.'

  return (
    <div className="ts-modal-backdrop" onPointerDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="ts-share" data-testid="share-dialog" role="dialog" aria-modal="true" aria-labelledby="ts-share-title" tabIndex={-1} ref={dialogRef}>
        <header className="ts-share-header">
          <h2 id="ts-share-title">Share this board</h2>
          <button className="ts-icon-btn" data-testid="share-close" aria-label="Close" onClick={props.onClose}>
            ×
          </button>
        </header>

        <fieldset className="ts-share-access" disabled={!isOwner || busy}>
          <legend>Who can open it</legend>
          {ACCESS_OPTIONS.map((o) => (
            <label key={o.value} className={access === o.value ? 'is-checked' : ''}>
              <input
                type="radio"
                name="ts-access"
                value={o.value}
                data-testid={`access-${o.value}`}
                checked={access === o.value}
                onChange={() => void changeAccess(o.value)}
              />
              <span>
                <strong>{o.label}</strong>
                <small>{o.hint}</small>
              </span>
            </label>
          ))}
          {!isOwner && <p className="ts-share-note">Only the owner can change this.</p>}
        </fieldset>

        {access !== 'private' && (
          <LinkAccess
            room={room}
            access={access}
            token={props.token}
            isOwner={isOwner}
            codeAccess={codeAccess}
            link={links.anyone}
            copied={copied === 'anyone'}
            onCopy={(t) => void copy('anyone', t)}
            onChanged={setInfo}
          />
        )}

        <div className="ts-share-links">
          <ShareRow label="Edit link" testid="edit-link" value={links.edit} missing={missing} copied={copied === 'edit'} onCopy={(t) => void copy('edit', t)} />
          <ShareRow label="View link" testid="view-link" value={links.view} missing={missing} copied={copied === 'view'} onCopy={(t) => void copy('view', t)} />
          <div className="ts-share-row">
            <span className="ts-share-label">Code</span>
            <code className="ts-share-code" data-testid="share-code">
              {room}
            </code>
            <button className="ts-btn ts-btn-ghost" data-testid="copy-code" onClick={() => void copy('code', room)}>
              {copied === 'code' ? 'Copied' : 'Copy'}
            </button>
          </div>
          {isOwner && (
            <RevokeLinks
              room={room}
              token={props.token}
              onRevoked={(r) => {
                setInfo(r)
                if (r.editorToken && r.viewerToken) {
                  setTokens({ editor: r.editorToken, viewer: r.viewerToken })
                  rememberBoard({ room, editorToken: r.editorToken, viewerToken: r.viewerToken })
                }
              }}
            />
          )}
          {!(access !== 'private' && codeAccess) && (
            <p className="ts-share-note">The code alone opens the board only when it is shared by link and its owner allows the code.</p>
          )}
        </div>

        {error && (
          <p className="ts-error" role="alert" data-testid="share-error">
            {error}
          </p>
        )}

        {isOwner && (
          <footer className="ts-share-footer">
            {confirmDelete ? (
              <>
                <span>End the session for everyone and delete the board?</span>
                <button className="ts-btn ts-btn-ghost" onClick={() => setConfirmDelete(false)} disabled={busy}>
                  Cancel
                </button>
                <button className="ts-btn ts-btn-danger" data-testid="delete-board-confirm" onClick={() => void endBoard()} disabled={busy}>
                  Delete
                </button>
              </>
            ) : (
              <button className="ts-btn ts-btn-danger" data-testid="delete-board" onClick={() => setConfirmDelete(true)}>
                Delete board…
              </button>
            )}
          </footer>
        )}
      </div>
    </div>
  )
}

function ShareRow(props: { label: string; testid: string; value: string | null; missing: string; copied: boolean; onCopy(text: string): void }) {
  return (
    <div className="ts-share-row">
      <span className="ts-share-label">{props.label}</span>
      {props.value ? (
        <>
          <input className="ts-share-input" data-testid={props.testid} readOnly value={props.value} onFocus={(e) => e.currentTarget.select()} />
          <button className="ts-btn ts-btn-primary" data-testid={`copy-${props.testid}`} onClick={() => props.onCopy(props.value!)}>
            {props.copied ? 'Copied' : 'Copy'}
          </button>
        </>
      ) : (
        <span className="ts-share-missing" data-testid={`${props.testid}-missing`}>
          {props.missing}
        </span>
      )}
    </div>
  )
}

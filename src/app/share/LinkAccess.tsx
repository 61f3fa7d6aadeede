import { useState } from 'react'
import { ApiError, updateRoom, type RoomAccess, type RoomInfo } from '../api'

export interface LinkAccessProps {
  room: string
  access: RoomAccess
  /** the owner's token (only the owner sees this section's controls) */
  token: string | null
  isOwner: boolean
  codeAccess: boolean
  /** the link for anyone, or null when this browser does not know the link secret */
  link: string | null
  copied: boolean
  onCopy(text: string): void
  /** the server's answer after a change (new code access, or a new link secret) */
  onChanged(info: RoomInfo): void
}

/**
 * How a board shared by link opens: with the link (it carries a secret, which the owner can
 * replace with "Revoke links"), or also with the short code alone, if the owner chooses so.
 */
export function LinkAccess(props: LinkAccessProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function run(action: () => Promise<RoomInfo>, failure: string) {
    setBusy(true)
    setError(null)
    try {
      props.onChanged(await action())
    } catch (err) {
      setError(err instanceof ApiError ? err.message : failure)
    } finally {
      setBusy(false)
    }
  }

  const verb = props.access === 'edit' ? 'edit' : 'view'
  return (
    <div className="ts-share-anyone" data-testid="link-access">
      <div className="ts-share-row">
        <span className="ts-share-label">Link</span>
        {props.link ? (
          <>
            <input className="ts-share-input" data-testid="board-link" readOnly value={props.link} onFocus={(e) => e.currentTarget.select()} />
            <button className="ts-btn ts-btn-primary" data-testid="copy-board-link" onClick={() => props.onCopy(props.link!)}>
              {props.copied ? 'Copied' : 'Copy'}
            </button>
          </>
        ) : (
          <span className="ts-share-missing" data-testid="board-link-missing">
            Only the owner can hand out this link.
          </span>
        )}
      </div>
      <p className="ts-share-note">Anyone with this link can {verb}. It carries a secret: the code alone does not open the board{props.codeAccess ? ' — unless you allow it below' : ''}.</p>
      {props.isOwner && (
        <>
          <label className="ts-share-check">
            <input
              type="checkbox"
              data-testid="code-access"
              checked={props.codeAccess}
              disabled={busy}
              onChange={(e) => void run(() => updateRoom(props.room, props.token, { codeAccess: e.currentTarget.checked }), 'Could not change code access')}
            />
            <span>The code alone also opens it (easy to type, but anyone who learns or guesses the code gets in)</span>
          </label>
        </>
      )}
      {error && (
        <p className="ts-error" role="alert" data-testid="link-access-error">
          {error}
        </p>
      )}
    </div>
  )
}

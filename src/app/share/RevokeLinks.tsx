import { useState } from 'react'
import { ApiError, revokeLinks, type RevokedRoom } from '../api'

/**
 * The owner's "Revoke links": a new board link and new edit and view links; every link handed out
 * before stops working at once and whoever opened the board with one is disconnected. The board,
 * its content and the owner's own access stay.
 */
export function RevokeLinks(props: { room: string; token: string | null; onRevoked(result: RevokedRoom): void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)

  async function revoke() {
    setBusy(true)
    setError(null)
    try {
      props.onRevoked(await revokeLinks(props.room, props.token, { tokens: true }))
      setDone(true)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not revoke the links')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="ts-share-row ts-share-revoke">
      <button className="ts-btn ts-btn-ghost" data-testid="revoke-links" disabled={busy} onClick={() => void revoke()}>
        Revoke links
      </button>
      <span className="ts-share-note" data-testid="revoke-note">
        {error ?? (done ? 'Done: the old links no longer work, and everyone who opened the board with one was disconnected.' : 'Makes new links; the old ones stop working at once.')}
      </span>
    </div>
  )
}

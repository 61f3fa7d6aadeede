import { useState } from 'react'
import { clearLocalCopy, storedPendingChanges } from '../../room/offline/localPersistence'
import { useLocalBoards } from './useLocalBoards'

/**
 * Removes this device's copy of a board (the server keeps its own). Warns first when the copy
 * holds changes that never reached the server, because those would be lost.
 */
export function RemoveLocalCopyButton({ room }: { room: string }) {
  const rooms = useLocalBoards()
  const [busy, setBusy] = useState(false)
  if (!rooms?.has(room)) return null
  const onClick = async () => {
    const pending = await storedPendingChanges(room)
    if (pending > 0 && !window.confirm(`${pending} change${pending === 1 ? '' : 's'} on this device have not reached the server yet and will be lost. Remove the local copy anyway?`)) return
    setBusy(true)
    try {
      await clearLocalCopy(room)
    } finally {
      setBusy(false)
    }
  }
  return (
    <button
      type="button"
      data-testid="remove-local-copy"
      data-room={room}
      disabled={busy}
      onClick={() => void onClick()}
      title="Remove the copy of this board kept on this device"
      style={{
        // a quiet link-like button under the board's entry, aligned with its title
        background: 'none',
        border: 0,
        padding: '0 0 4px 0',
        marginLeft: 60,
        color: '#6b7280',
        font: 'inherit',
        fontSize: 12,
        textDecoration: 'underline',
        textUnderlineOffset: 3,
        cursor: 'pointer',
      }}
    >
      {busy ? 'Removing…' : 'Remove local copy'}
    </button>
  )
}

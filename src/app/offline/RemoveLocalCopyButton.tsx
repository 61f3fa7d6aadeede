import { useState } from 'react'
import { clearLocalCopy, storedPendingChanges } from './localPersistence'
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
      style={{ fontSize: 11, marginLeft: 6, cursor: 'pointer' }}
    >
      {busy ? 'Removing…' : 'Remove local copy'}
    </button>
  )
}

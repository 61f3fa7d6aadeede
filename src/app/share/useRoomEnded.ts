import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'

/**
 * Close codes the server uses to end a session for good (server/ws/closeCodes.ts):
 * 4404 'room deleted' when the owner deletes the board, 4403 when access was withdrawn,
 * 4401 when the token stopped being valid. y-websocket does not reconnect after 44xx codes.
 */
export const CLOSE_ROOM_DELETED = 4404
export const CLOSE_FORBIDDEN = 4403
export const CLOSE_UNAUTHORIZED = 4401

export type RoomEnd = { kind: 'deleted' | 'forbidden' | 'unauthorized'; code: number; reason: string }

export function roomEndFromClose(code: number, reason: string): RoomEnd | null {
  if (code === CLOSE_ROOM_DELETED) return { kind: 'deleted', code, reason }
  if (code === CLOSE_FORBIDDEN) return { kind: 'forbidden', code, reason }
  if (code === CLOSE_UNAUTHORIZED) return { kind: 'unauthorized', code, reason }
  return null
}

/** Becomes non-null when the server ends this board's session; the provider then stops reconnecting. */
export function useRoomEnded(provider: WebsocketProvider): RoomEnd | null {
  const [ended, setEnded] = useState<RoomEnd | null>(null)
  useEffect(() => {
    const onClose = (event: { code: number; reason: string } | null) => {
      if (!event) return
      const end = roomEndFromClose(event.code, event.reason)
      if (!end) return
      // Older y-websocket versions keep retrying every close; a deleted room must not be re-created.
      provider.disconnect()
      setEnded(end)
    }
    provider.on('connection-close', onClose)
    return () => provider.off('connection-close', onClose)
  }, [provider])
  return ended
}

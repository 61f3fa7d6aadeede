import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import { ApiError, getRoom } from '../api'

/**
 * Close codes the server uses to end a session for good (server/ws/closeCodes.ts):
 * 4404 'room deleted' when the owner deletes the board, 4403 when access was withdrawn,
 * 4401 when the token stopped being valid. y-websocket does not reconnect after 44xx codes.
 */
export const CLOSE_ROOM_DELETED = 4404
export const CLOSE_FORBIDDEN = 4403
export const CLOSE_UNAUTHORIZED = 4401

export type RoomEnd = { kind: 'deleted' | 'forbidden' | 'unauthorized' | 'noAccess'; code: number; reason: string }

/**
 * A refused WebSocket upgrade (HTTP 401/403/404) reaches the browser only as a failed socket, and
 * y-websocket keeps retrying it. So when the socket fails before it ever opened, ask the REST API
 * why; an HTTP status that means "no access" ends the session with a notice instead of retrying.
 */
export async function probeAccess(room: string, token: string | null): Promise<RoomEnd | null> {
  try {
    await getRoom(room, token)
    return null
  } catch (err) {
    if (!(err instanceof ApiError)) return null
    if (err.status === 401 || err.status === 403) return { kind: 'noAccess', code: err.status, reason: err.message }
    if (err.status === 404 && token) return { kind: 'deleted', code: 404, reason: err.message }
    return null
  }
}

export function roomEndFromClose(code: number, reason: string): RoomEnd | null {
  if (code === CLOSE_ROOM_DELETED) return { kind: 'deleted', code, reason }
  if (code === CLOSE_FORBIDDEN) return { kind: 'forbidden', code, reason }
  if (code === CLOSE_UNAUTHORIZED) return { kind: 'unauthorized', code, reason }
  return null
}

/** Becomes non-null when the server ends (or refuses) this board's session; the provider then stops reconnecting. */
export function useRoomEnded(provider: WebsocketProvider, room: string, token: string | null): RoomEnd | null {
  const [ended, setEnded] = useState<RoomEnd | null>(null)
  useEffect(() => {
    let everConnected = provider.wsconnected
    let probing = false
    let live = true
    const end = (e: RoomEnd) => {
      // Older y-websocket versions keep retrying every close; a deleted room must not be re-created.
      provider.disconnect()
      setEnded(e)
    }
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') everConnected = true
    }
    const onClose = (event: { code: number; reason: string } | null) => {
      const known = event ? roomEndFromClose(event.code, event.reason) : null
      if (known) return end(known)
      // event null: this side closed the socket (a redial when the network comes back), which
      // says nothing about access
      if (!event || everConnected || probing || !navigator.onLine) return
      probing = true
      void probeAccess(room, token).then((e) => {
        probing = false
        if (e && live && !everConnected) end(e)
      })
    }
    provider.on('status', onStatus)
    provider.on('connection-close', onClose)
    return () => {
      live = false
      provider.off('status', onStatus)
      provider.off('connection-close', onClose)
    }
  }, [provider, room, token])
  return ended
}

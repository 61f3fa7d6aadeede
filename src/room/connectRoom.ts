import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import { attachLocalPersistence } from './offline/localPersistence' // offline-first: local copy in IndexedDB

/** One open board: its Y.Doc, the y-websocket provider and awareness. */
export interface RoomConnection {
  room: string
  token: string | null
  doc: Y.Doc
  provider: WebsocketProvider
  awareness: Awareness
  destroy(): void
}

export function syncServerUrl(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}`
}

/**
 * Opens a room: its document, its local copy and its connection to `serverUrl` (default: the
 * page's own server; an embedding host passes its Tessera server, e.g. `wss://host/tessera`).
 */
export function connectRoom(room: string, token: string | null, serverUrl: string = syncServerUrl()): RoomConnection {
  const doc = new Y.Doc()
  const local = attachLocalPersistence(doc, room, token) // offline-first: load the local copy before the provider connects
  // The room as one encoded path segment: the server percent-decodes it, so any room name
  // (`org/doc`, `a?b`, `my doc`) reaches its own room.
  const provider = new WebsocketProvider(serverUrl.replace(/\/+$/, ''), encodeURIComponent(room), doc, {
    params: token ? { token } : {},
  })
  local.bind(provider) // offline-first: viewer → receive-only, pending-changes count, reconnect when back online
  return {
    room,
    token,
    doc,
    provider,
    awareness: provider.awareness,
    destroy() {
      local.destroy() // offline-first: detach the local copy (its data stays on the device)
      provider.destroy()
      doc.destroy()
    },
  }
}

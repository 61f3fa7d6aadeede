import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'

/** One open board: its Y.Doc, the y-websocket provider (same origin) and awareness. */
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

export function connectRoom(room: string, token: string | null): RoomConnection {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncServerUrl(), room, doc, {
    params: token ? { token } : {},
  })
  return {
    room,
    token,
    doc,
    provider,
    awareness: provider.awareness,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy: () => void
}

/** A stock y-websocket client in Node: WebSocket polyfill from `ws`, BroadcastChannel off. */
export function newClient(wsUrl: string, room: string, opts: { params?: Record<string, string>; doc?: Y.Doc; connect?: boolean } = {}): Client {
  const doc = opts.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: opts.params,
    connect: opts.connect ?? true,
  })
  let destroyed = false
  return {
    doc,
    provider,
    destroy: () => {
      if (destroyed) return
      destroyed = true
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves when the provider has completed the initial sync with the server. */
export function synced(provider: WebsocketProvider, timeout = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('provider did not sync in time')), timeout)
    const on = (s: boolean) => {
      if (s) {
        clearTimeout(t)
        provider.off('sync', on)
        resolve()
      }
    }
    provider.on('sync', on)
  })
}

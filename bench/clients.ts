// Real provider clients for the benchmarks, one interface for both kinds: y-websocket's
// WebsocketProvider (ours and the reference) and HocuspocusProvider (Hocuspocus). Each counts the
// bytes it receives (WebSocket message payloads).
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider } from '@hocuspocus/provider'
import { sendOwnAwarenessOnly } from '../src/awareness/echo'
import { HOST, type ServerKind } from './targets'

export interface BenchClient {
  doc: Y.Doc
  awareness: Awareness
  /** resolves once the first sync with the server is done */
  synced: Promise<void>
  /** message payload bytes received so far (after decompression, when permessage-deflate is on) */
  received(): number
  /** bytes read from the TCP socket(s) so far: what crossed the wire, WebSocket framing included */
  wire(): number
  destroy(): void
}

export interface ClientOptions {
  doc?: Y.Doc
  /**
   * 'stock': y-websocket as published, which re-sends every awareness change it receives;
   * 'own': only its own presence (what the board does, src/awareness/echo.ts). Hocuspocus's
   * provider always sends only its own.
   */
  presence?: 'stock' | 'own'
  syncTimeoutMs?: number
}

interface Counter {
  bytes: number
  /** bytes read by sockets already closed, and the live ones */
  wireClosed: number
  sockets: Set<{ bytesRead: number }>
}

function wireBytes(c: Counter): number {
  let n = c.wireClosed
  for (const s of c.sockets) n += s.bytesRead
  return n
}

function countingWebSocket(counter: Counter): unknown {
  return class Counting extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      // a provider closing a socket that never opened (its connect timeout) makes ws emit 'error'
      this.on('error', () => {})
      this.once('open', () => {
        // ws keeps the TCP socket in a private field; only its byte count is read
        const socket = (this as unknown as { _socket?: { bytesRead: number } })._socket
        if (!socket) return
        counter.sockets.add(socket)
        this.once('close', () => (counter.sockets.delete(socket), (counter.wireClosed += socket.bytesRead)))
      })
      this.on('message', (data: WebSocket.RawData) => {
        counter.bytes += Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length
      })
    }
  }
}

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no sync within ${ms} ms`)), ms)
    p.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)))
  })
}

export function openClient(kind: ServerKind, port: number, room: string, opts: ClientOptions = {}): BenchClient {
  const doc = opts.doc ?? new Y.Doc()
  const counter: Counter = { bytes: 0, wireClosed: 0, sockets: new Set() }
  const Polyfill = countingWebSocket(counter)
  const ms = opts.syncTimeoutMs ?? 120_000
  if (kind === 'hocuspocus') {
    // the provider hands its whole configuration to the HocuspocusProviderWebsocket it creates
    const config = { url: `ws://${HOST}:${port}`, name: room, document: doc, WebSocketPolyfill: Polyfill }
    const p = new HocuspocusProvider(config as ConstructorParameters<typeof HocuspocusProvider>[0])
    const synced = new Promise<void>((resolve) => (p.synced ? resolve() : p.on('synced', () => resolve())))
    return {
      doc, awareness: p.awareness!, synced: timeout(synced, ms, room), received: () => counter.bytes, wire: () => wireBytes(counter),
      destroy: () => (p.destroy(), doc.destroy()),
    }
  }
  const p = new WebsocketProvider(`ws://${HOST}:${port}`, room, doc, {
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket, disableBc: true,
  })
  if (opts.presence === 'own') sendOwnAwarenessOnly(p)
  const synced = new Promise<void>((resolve) => (p.synced ? resolve() : p.on('sync', (s: boolean) => s && resolve())))
  return {
    doc, awareness: p.awareness, synced: timeout(synced, ms, room), received: () => counter.bytes, wire: () => wireBytes(counter),
    destroy: () => (p.destroy(), doc.destroy()),
  }
}

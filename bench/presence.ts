// Presence traffic: 10 stock y-websocket clients against the real server, each moving its
// cursor at 30 Hz (through the same publisher the board uses: throttle + minimal state), and
// dragging an item half of the time (one moveItems transaction every DRAG_WRITE_INTERVAL_MS, the
// rate at which the select tool writes a drag to the doc). We count what each
// client sends: WebSocket payload bytes and frame bytes (payload + client frame header + mask).
// Run: node scripts/tsx.mjs bench/presence.ts [seconds]
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { pathToFileURL } from 'node:url'
import { bindPresence } from '../src/awareness/publish'
import { sendOwnAwarenessOnly } from '../src/awareness/echo'
import { createEditorStore } from '../src/canvas/state/editorStore'
import { DRAG_WRITE_INTERVAL_MS } from '../src/canvas/tools/select/translate'
import { addItems, ensureDefaultPage, moveItems } from '../src/doc'
import { startServer } from '../test/helpers/server'

export interface PresenceBenchResult {
  users: number
  seconds: number
  hz: number
  /** average bytes/s sent per user, cursor moves only */
  cursorPayload: number
  cursorFrames: number
  /** average bytes/s sent per user while also dragging an item */
  dragPayload: number
  dragFrames: number
  /** average awareness messages/s sent per user while moving */
  messagesPerSecond: number
}

interface Counter {
  payload: number
  frames: number
  messages: number
}

/** ws frame size of a client→server binary message: 2-byte header, extended length, 4-byte mask. */
function frameSize(n: number): number {
  return n + 2 + 4 + (n < 126 ? 0 : n < 65_536 ? 2 : 8)
}

function countingWebSocket(counter: Counter): typeof globalThis.WebSocket {
  class Counting extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      const n = data instanceof ArrayBuffer ? data.byteLength : ArrayBuffer.isView(data) ? data.byteLength : String(data).length
      counter.payload += n
      counter.frames += frameSize(n)
      counter.messages++
      ;(WebSocket.prototype.send as (...a: unknown[]) => void).call(this, data, ...rest)
    }
  }
  return Counting as unknown as typeof globalThis.WebSocket
}

// each Node WebsocketProvider adds a process 'exit' listener
process.setMaxListeners(64)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function runPresenceBench(opts: { users?: number; seconds?: number; hz?: number; stockEcho?: boolean } = {}): Promise<PresenceBenchResult> {
  const users = opts.users ?? 10
  const seconds = opts.seconds ?? 6
  const hz = opts.hz ?? 30
  const server = await startServer({ args: ['--open'] })
  const room = 'bench-presence'
  const clients = Array.from({ length: users }, (_, i) => {
    const counter: Counter = { payload: 0, frames: 0, messages: 0 }
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(server.wsUrl, room, doc, { WebSocketPolyfill: countingWebSocket(counter), disableBc: true })
    // the board disables y-websocket's echo of received awareness changes (src/awareness/echo.ts)
    if (!opts.stockEcho) sendOwnAwarenessOnly(provider)
    const store = createEditorStore({ camera: { x: 0, y: 0, zoom: 1 } })
    const pub = bindPresence(provider.awareness, store, { name: `Bench User ${i + 1}`, color: '#1971c2' })
    return { doc, provider, store, pub, counter, itemId: '' }
  })
  try {
    await Promise.all(clients.map((c) => new Promise<void>((r) => (c.provider.synced ? r() : c.provider.once('sync', () => r())))))
    for (const c of clients) {
      ensureDefaultPage(c.doc)
      const r = addItems(c.doc, [{ type: 'rect', x: 0, y: 0, width: 100, height: 60 }])
      if (r.ok) c.itemId = r.value[0]
    }
    await sleep(500)

    const phase = async (drag: boolean): Promise<Counter[]> => {
      const start = clients.map((c) => ({ ...c.counter }))
      const frames = seconds * hz
      const dragEvery = Math.max(1, Math.round((hz * DRAG_WRITE_INTERVAL_MS) / 1000))
      for (let f = 0; f < frames; f++) {
        const t0 = Date.now()
        clients.forEach((c, i) => {
          const a = (f / hz) * 2 + i
          c.store.setPointer({ x: 400 + Math.cos(a) * 300 + Math.random(), y: 300 + Math.sin(a) * 200 + Math.random() })
          if (drag && c.itemId && f % dragEvery === 0) moveItems(c.doc, [c.itemId], 3.7, -1.3)
        })
        await sleep(Math.max(0, 1000 / hz - (Date.now() - t0)))
      }
      await sleep(100)
      return clients.map((c, i) => ({
        payload: c.counter.payload - start[i].payload,
        frames: c.counter.frames - start[i].frames,
        messages: c.counter.messages - start[i].messages,
      }))
    }
    const avg = (xs: Counter[], k: keyof Counter) => xs.reduce((s, x) => s + x[k], 0) / xs.length / seconds
    const cursor = await phase(false)
    const drag = await phase(true)
    return {
      users,
      seconds,
      hz,
      cursorPayload: Math.round(avg(cursor, 'payload')),
      cursorFrames: Math.round(avg(cursor, 'frames')),
      dragPayload: Math.round(avg(drag, 'payload')),
      dragFrames: Math.round(avg(drag, 'frames')),
      messagesPerSecond: Math.round(avg(cursor, 'messages') * 10) / 10,
    }
  } finally {
    for (const c of clients) {
      c.pub.destroy()
      c.provider.destroy()
      c.doc.destroy()
    }
    await server.dispose()
  }
}

export function presenceBenchMarkdown(app: PresenceBenchResult, stock?: PresenceBenchResult): string {
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB/s`
  const rows = (label: string, r: PresenceBenchResult) => [
    `| ${label}: cursor moves | ${kb(r.cursorPayload)} | ${kb(r.cursorFrames)} | ${r.messagesPerSecond} |`,
    `| ${label}: cursor + dragging an item | ${kb(r.dragPayload)} | ${kb(r.dragFrames)} | |`,
  ]
  return [
    `${app.users} users, pointers moving at ${app.hz} Hz, ${app.seconds} s per phase; sent per user per second:`,
    '',
    '| client | payload | on the wire (ws frames) | messages/s |',
    '|---|---|---|---|',
    ...rows('Tessera board', app),
    ...(stock ? rows('stock y-websocket (echoes others’ awareness)', stock) : []),
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seconds = Number(process.argv[2] ?? 6)
  const app = await runPresenceBench({ seconds })
  const stock = await runPresenceBench({ seconds, stockEcho: true })
  console.log(presenceBenchMarkdown(app, stock))
  process.exit(0)
}

import WebSocket from 'ws'
import * as Y from 'yjs'
import * as yrs from 'ywasm'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Peer } from './peers'

const messageSync = 0
const messageAwareness = 1
const messageQueryAwareness = 3
/** stock providers drop a connection that received nothing for this long; so does this client */
const SILENCE_MS = 30_000

/** `user.name` of every awareness state but `self`'s, sorted. */
export function namesOf(states: Map<number, Record<string, unknown>>, self: number): string[] {
  const names: string[] = []
  for (const [id, s] of states) {
    const user = s.user as { name?: unknown } | undefined
    if (id !== self && typeof user?.name === 'string') names.push(user.name)
  }
  return names.sort()
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

const syncFrame = (sub: number, payload: Uint8Array) =>
  frame((e) => (encoding.writeVarUint(e, messageSync), encoding.writeVarUint(e, sub), encoding.writeVarUint8Array(e, payload)))
const awarenessFrame = (update: Uint8Array) =>
  frame((e) => (encoding.writeVarUint(e, messageAwareness), encoding.writeVarUint8Array(e, update)))

/**
 * A y-websocket client on the Rust implementation: the document is a yrs `YDoc` (npm `ywasm`),
 * the protocol is y-protocols framing written here (sync step 1/2 and updates carry the yrs
 * document's own v1 updates), presence is a y-protocols Awareness under the yrs client id. It
 * behaves like a stock provider where it matters: reconnects after a close, and drops a
 * connection that heard nothing for 30 s.
 */
export class YrsPeer implements Peer {
  readonly flavor = 'yrs' as const
  readonly doc = new yrs.YDoc({})
  sockets = 0
  readonly statusChanges: string[] = []
  readonly closeCodes: number[] = []
  synced = false
  connected = false
  private ws: WebSocket | null = null
  private destroyed = false
  private seenConnected = false
  private applyingRemote = false
  private lastMessageAt = 0
  private readonly silenceTimer: NodeJS.Timeout
  private readonly awarenessDoc = new Y.Doc()
  private readonly awareness: awarenessProtocol.Awareness

  constructor(
    private readonly serverUrl: string,
    private readonly room: string,
  ) {
    this.awarenessDoc.clientID = this.doc.id
    this.awareness = new awarenessProtocol.Awareness(this.awarenessDoc)
    this.awareness.setLocalState(null)
    this.doc.onUpdate((update: Uint8Array) => {
      if (!this.applyingRemote) this.send(syncFrame(2, update))
    })
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'remote') return
      this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed])))
    })
    this.silenceTimer = setInterval(() => {
      if (this.connected && Date.now() - this.lastMessageAt > SILENCE_MS) this.ws?.close()
    }, SILENCE_MS / 10)
    this.connect()
  }

  private status(s: string): void {
    if (this.seenConnected) this.statusChanges.push(s)
    if (s === 'connected') this.seenConnected = true
  }

  private connect(): void {
    if (this.destroyed) return
    this.status('connecting')
    const ws = new WebSocket(`${this.serverUrl}/${this.room}`)
    this.ws = ws
    this.sockets++
    ws.binaryType = 'nodebuffer'
    ws.on('error', () => {})
    ws.on('open', () => {
      this.connected = true
      this.lastMessageAt = Date.now()
      this.status('connected')
      ws.send(syncFrame(0, yrs.encodeStateVector(this.doc)))
      if (this.awareness.getLocalState() !== null) {
        ws.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.id])))
      }
    })
    ws.on('message', (data: Buffer) => {
      this.lastMessageAt = Date.now()
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    })
    ws.on('close', (code: number) => {
      this.closeCodes.push(code)
      const was = this.connected
      this.connected = false
      this.synced = false
      if (this.ws !== ws) return
      this.ws = null
      // like a stock provider: other clients' presence goes with the connection
      const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.id)
      awarenessProtocol.removeAwarenessStates(this.awareness, others, 'remote')
      if (was) this.status('disconnected')
      if (!this.destroyed) setTimeout(() => this.connect(), 100)
    })
  }

  private receive(data: Uint8Array): void {
    const d = decoding.createDecoder(data)
    const type = decoding.readVarUint(d)
    if (type === messageSync) {
      const sub = decoding.readVarUint(d)
      const payload = decoding.readVarUint8Array(d)
      if (sub === 0) this.send(syncFrame(1, yrs.encodeStateAsUpdate(this.doc, payload)))
      else {
        this.applyingRemote = true
        try {
          yrs.applyUpdate(this.doc, payload, 'remote')
        } finally {
          this.applyingRemote = false
        }
        if (sub === 1) this.synced = true
      }
    } else if (type === messageAwareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), 'remote')
    } else if (type === messageQueryAwareness) {
      this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])))
    }
  }

  private send(f: Uint8Array): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(f)
  }

  set(key: string, value: string): void {
    this.doc.getMap('items').set(key, value, undefined)
  }
  get(key: string): unknown {
    return this.doc.getMap('items').get(key, undefined) as unknown
  }
  setPresence(state: Record<string, unknown> | null): void {
    this.awareness.setLocalState(state)
  }
  othersNames(): string[] {
    return namesOf(this.awareness.getStates(), this.doc.id)
  }
  destroy(): void {
    this.destroyed = true
    clearInterval(this.silenceTimer)
    // a stock provider announces that its presence is gone before it closes
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.id], 'local')
    this.ws?.close()
    this.awareness.destroy()
    this.awarenessDoc.destroy()
  }
}

/**
 * The room host: a worker thread holding the documents of rooms that are *away* (roomDoc.ts). A
 * room whose Yjs work passes a threshold (roomAway.ts) sends its document here; the main thread
 * keeps its sockets, the door, the durable append, relays and presence, and posts each appended
 * batch here, then relays what applied once the answer comes. Its applies, its struct-array
 * copies and the garbage of its millions of live structs then cost this isolate, not the event
 * loop every other room's relays wait on. The thread runs below the event loop's priority, like
 * the other workers (workerPriority.ts): on a core it shares with the event loop, other rooms'
 * relays go first and the busy room's applies take what is left (TESSERA_ROOM_HOST_URGENT=1 keeps
 * it at the event loop's priority, for measuring).
 *
 * Messages are handled in the order they were posted (roomHostSource.ts). `take` (the room comes
 * home) is answered synchronously: the main thread sleeps in `Atomics.wait` until the worker has
 * handled everything posted before it and posted the state on a port of their own, read with
 * `receiveMessageOnPort` — so whatever needs the document on the main thread (a server edit, a
 * version, `Room.doc`) can have it at once, as it has a dormant room's.
 *
 * If the worker fails, every request under way and later is answered with an error: the rooms it
 * held are reloaded from storage (their updates are durable before they are posted here).
 */
import { createRequire } from 'node:module'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { ROOM_HOST_SOURCE } from './roomHostSource'
import { ownsMemory } from './limits/trialWorker'

/** the answer to an apply: what applied, and the document's state after it */
export interface ApplyAnswer {
  /** updates applied, from the first (the one after them threw when `threw`) */
  applied: number
  threw: boolean
  /** structs or deletions were pending before the update that threw */
  hadPending: boolean
  /** keys of the `meta` map the applied updates changed */
  metaKeys: string[]
  /** each apply's CPU time on the worker (ms; wall time where the thread's CPU time cannot be read), the one that threw included */
  times: number[]
  vector: Uint8Array
  pending: boolean
}

export type HostResult<T> = { ok: true; value: T } | { ok: false; detail: string }

/** how long the main thread waits for a room to come home before it gives up on the worker (ms) */
const TAKE_TIMEOUT_MS = 60_000

type Answer = { id: number; error?: string } & Record<string, unknown>

export class RoomHost {
  private next = 1
  private nextKey = 1
  private readonly waiting = new Map<number, (a: Answer) => void>()
  private failed: string | null = null
  private readonly signal = new Int32Array(new SharedArrayBuffer(4))
  private readonly port: MessagePort
  private readonly workerPort: MessagePort
  /** started on the first room sent here */
  private started: Worker | null = null
  /** rooms held by the worker */
  held = 0

  constructor() {
    const channel = new MessageChannel()
    this.port = channel.port1
    this.port.unref()
    this.workerPort = channel.port2
  }

  /** The worker, started on first need (null when it cannot start or failed: nothing goes away then). */
  private worker(): Worker | null {
    if (this.started || this.failed) return this.failed ? null : this.started
    try {
      const yjs = createRequire(import.meta.url).resolve('yjs')
      const worker = new Worker(ROOM_HOST_SOURCE, {
        eval: true,
        workerData: { yjs, signal: this.signal.buffer, port: this.workerPort, urgent: process.env.TESSERA_ROOM_HOST_URGENT === '1' },
        transferList: [this.workerPort],
      })
      worker.on('message', (a: Answer) => {
        const done = this.waiting.get(a.id)
        this.waiting.delete(a.id)
        if (this.waiting.size === 0) worker.unref()
        done?.(a)
      })
      worker.on('error', (err) => this.fail(`room host failed: ${err.message}`))
      worker.on('exit', () => this.fail('room host exited'))
      worker.unref()
      this.started = worker
      return worker
    } catch (err) {
      this.failed = `room host could not start (${(err as Error).message})`
      return null
    }
  }

  private fail(detail: string): void {
    this.failed ??= detail
    for (const [id, done] of this.waiting) done({ id, error: detail })
    this.waiting.clear()
  }

  /** A key for one room's document (unique for the life of the process). */
  newKey(): number {
    return this.nextKey++
  }

  /** Builds the document of room `key` from its full state (the bytes are handed over). */
  adopt(key: number, state: Uint8Array): Promise<HostResult<{ vector: Uint8Array; pending: boolean }>> {
    const buf = ownsMemory(state) ? (state.buffer as ArrayBuffer) : (state.slice().buffer as ArrayBuffer)
    return this.request({ kind: 'adopt', key, buf }, [buf]).then((a) => {
      if (a.error !== undefined) return { ok: false, detail: a.error }
      this.held++
      return { ok: true, value: { vector: a.vector as Uint8Array, pending: a.pending as boolean } }
    })
  }

  /** Applies the updates in order (copied into one buffer handed over). */
  apply(key: number, updates: Uint8Array[]): Promise<HostResult<ApplyAnswer>> {
    let total = 0
    for (const u of updates) total += u.length
    const all = new Uint8Array(total)
    const ends: number[] = []
    let at = 0
    for (const u of updates) {
      all.set(u, at)
      ends.push((at += u.length))
    }
    return this.request({ kind: 'apply', key, buf: all.buffer, ends }, [all.buffer]).then((a) =>
      a.error !== undefined ? { ok: false, detail: a.error } : { ok: true, value: a as unknown as ApplyAnswer },
    )
  }

  /** What a client with state vector `vector` lacks, and the document's state vector. */
  diff(key: number, vector: Uint8Array): Promise<HostResult<{ diff: Uint8Array; vector: Uint8Array }>> {
    return this.request({ kind: 'diff', key, vector }, []).then((a) =>
      a.error !== undefined ? { ok: false, detail: a.error } : { ok: true, value: { diff: a.diff as Uint8Array, vector: a.vector as Uint8Array } },
    )
  }

  /** The document's full state (it stays on the host), without waiting here for the host's other work. */
  encode(key: number): Promise<HostResult<Uint8Array>> {
    return this.request({ kind: 'encode', key }, []).then((a) =>
      a.error !== undefined ? { ok: false, detail: a.error } : { ok: true, value: a.bytes as Uint8Array },
    )
  }

  /**
   * The document's full state, and the worker drops it: waits (asleep) until the worker has
   * handled everything posted before.
   */
  take(key: number): HostResult<Uint8Array> {
    this.held = Math.max(0, this.held - 1)
    if (this.failed) return { ok: false, detail: this.failed }
    const worker = this.started
    if (!worker) return { ok: false, detail: 'room host not started' }
    const id = this.next++
    let seen = Atomics.load(this.signal, 0)
    worker.postMessage({ kind: 'take', key, id })
    const until = performance.now() + TAKE_TIMEOUT_MS
    for (;;) {
      const got = receiveMessageOnPort(this.port) as { message: Answer } | undefined
      if (got) {
        if (got.message.id !== id) continue
        if (got.message.error !== undefined) return { ok: false, detail: got.message.error }
        return { ok: true, value: got.message.bytes as Uint8Array }
      }
      const left = until - performance.now()
      if (left <= 0) return { ok: false, detail: 'room host did not answer' }
      // woken by the worker's answer (a dead worker: by the timeout)
      Atomics.wait(this.signal, 0, seen, Math.min(left, 1_000))
      seen = Atomics.load(this.signal, 0)
    }
  }

  /** Drops the document of room `key` (the room is gone). */
  drop(key: number): void {
    this.held = Math.max(0, this.held - 1)
    if (!this.failed) this.started?.postMessage({ kind: 'drop', key })
  }

  /** Stops the worker (tests; a server that closes leaves it unreferenced anyway). */
  async stop(): Promise<void> {
    this.failed ??= 'room host stopped'
    await this.started?.terminate()
  }

  private request(msg: Record<string, unknown>, transfer: ArrayBuffer[]): Promise<Answer> {
    const id = this.next++
    const worker = this.worker()
    if (!worker) return Promise.resolve({ id, error: this.failed ?? 'room host not started' })
    return new Promise<Answer>((resolve) => {
      this.waiting.set(id, resolve)
      worker.ref() // an answer under way keeps the process alive
      try {
        worker.postMessage({ ...msg, id }, transfer)
      } catch (err) {
        this.waiting.delete(id)
        if (this.waiting.size === 0) worker.unref()
        resolve({ id, error: `could not post to the room host (${(err as Error).message})` })
      }
    })
  }
}

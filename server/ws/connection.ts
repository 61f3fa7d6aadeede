import type { Duplex } from 'node:stream'
import type { WebSocket, RawData } from 'ws'
import type { Role } from '../auth/Authorizer'
import type { Metrics } from '../metrics'
import type { Logger } from '../log'
import { Backpressure, Forbidden, InternalError, Unauthorized, type CloseEvent } from './closeCodes'
import { encodeAwareness, encodePermissionDenied } from './protocol'
import type { SharedFrame } from './sharedFrame'
import { tickerFor } from './ticker'
import { corkFor, uncorkNow } from './sendBatch'

/**
 * Stock providers drop a connection that has not received a message for 30 s (pings do not count:
 * they only see messages). A connection the server has sent nothing for HEARTBEAT_AFTER_MS gets
 * an empty awareness update (3 bytes, a no-op for every client), checked every
 * HEARTBEAT_CHECK_MS (one timer for all connections, ticker.ts): so every client hears from the
 * server at least every 15 s, even alone in a room with its awareness state unset.
 */
const HEARTBEAT_CHECK_MS = 5_000
const HEARTBEAT_AFTER_MS = 10_000
const HEARTBEAT = encodeAwareness(Uint8Array.of(0))
/**
 * A peer is dropped once this many pings in a row went unanswered with nothing else arriving: 20 s
 * at the default 10 s period (the reference allows 30-60 s), long enough for a client busy
 * decoding a 50 MB board, which cannot answer meanwhile.
 */
const MISSED_PINGS_BEFORE_DROP = 2

export interface ConnectionOptions {
  room: string
  role: Role
  /** whatever the authorizer attached to the grant (e.g. verified token claims) */
  auth?: unknown
  /** the client's address as rate limits see it (server/limits) */
  address?: string
  /** drop the peer when this many bytes are queued for it and unsent */
  maxBufferedBytes: number
  /** ping period; a peer that has not answered the previous ping by the next one is dropped */
  pingIntervalMs: number
  /** the upgraded socket under `ws` (from the HTTP server's 'upgrade' event), corked while a room relays a batch */
  socket?: Duplex
  metrics: Metrics
  log: Logger
}

let nextId = 1

/**
 * One WebSocket bound to one room: its role (changeable at runtime), the awareness client ids
 * it controls, keep-alive, bounded sending, and closing with a named code and reason.
 */
export class Connection {
  readonly id = nextId++
  readonly room: string
  role: Role
  readonly auth: unknown
  /** the client's address as rate limits see it ('' when unknown) */
  readonly address: string
  /** awareness client ids announced by this socket; removed for everyone when it closes */
  readonly awarenessIds = new Set<number>()
  /** set once close() was called or the socket closed */
  closed = false
  /**
   * set when this server closed the connection (a refusal, a flood, a shutdown): what it sent and
   * we had not yet stored is dropped. A peer that closes on its own keeps what it sent before
   * (a client that sends an edit and closes at once: the edit is stored like any other).
   */
  closedByServer = false
  /** whether this connection was told (y-protocols auth message) that its document updates are ignored */
  private toldReadOnly = false
  closeEvent: CloseEvent | null = null

  private readonly ws: WebSocket
  private readonly opts: ConnectionOptions
  private alive = true
  /** pings in a row that went unanswered (with nothing else arriving either) */
  private missed = 0
  private pausedUntil = 0
  /** reading held by the room until it has applied its backlog (holdReading) */
  private held = false
  /** stops this connection's keep-alive and heartbeat checks (one shared timer per period: ticker.ts) */
  private readonly stopChecks: () => void
  /** performance.now() of the last frame sent */
  private lastSentAt = performance.now()
  private killTimer: NodeJS.Timeout | null = null

  constructor(ws: WebSocket, opts: ConnectionOptions) {
    this.ws = ws
    this.opts = opts
    this.room = opts.room
    this.role = opts.role
    this.auth = opts.auth
    this.address = opts.address ?? ''
    // Alive: it answered a ping, or bytes are arriving (a peer busy uploading a 20 MB update cannot
    // send its pong before that frame ends).
    const sawPeer = () => void (this.alive = true)
    ws.on('pong', sawPeer)
    opts.socket?.on('data', sawPeer)
    const stopPings = tickerFor(opts.pingIntervalMs).add(() => this.keepAlive())
    const stopHeartbeats = tickerFor(HEARTBEAT_CHECK_MS).add(() => {
      if (performance.now() - this.lastSentAt >= HEARTBEAT_AFTER_MS) this.send(HEARTBEAT)
    })
    this.stopChecks = () => (stopPings(), stopHeartbeats())
    ws.once('close', () => {
      this.closed = true
      this.releaseReading()
      this.stopChecks()
      if (this.killTimer) clearTimeout(this.killTimer)
    })
  }

  /**
   * Registers the frame handler; text frames are reported with isBinary=false. The error
   * boundary of every message: a handler that throws (a bug, or data nobody foresaw) ends this
   * one connection with 1011 and a logged error, never the process.
   */
  onMessage(handler: (data: Uint8Array, isBinary: boolean) => void): void {
    this.ws.on('message', (data: RawData, isBinary: boolean) => {
      try {
        handler(toUint8Array(data), isBinary)
      } catch (err) {
        this.failed(err, 'message handler failed; closing this connection')
      }
    })
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.ws.once('close', (code: number, reason: Buffer) => {
      try {
        handler(code, reason.toString())
      } catch (err) {
        this.failed(err, 'close handler failed')
      }
    })
  }

  /** Logs an unexpected error of this connection's handlers and closes it (1011). */
  private failed(err: unknown, message: string): void {
    this.opts.metrics.rejected.inc({ reason: 'internal error' })
    this.opts.log.error({ room: this.room, conn: this.id, err }, message)
    this.close(InternalError)
  }

  /**
   * Sends one frame unless the socket is closing; drops the peer if it stopped reading. Returns
   * whether it was sent; `count: false` leaves the out-metrics to the caller (a room's broadcast
   * counts once for all its recipients). `onWritten` runs once the frame is handed to the kernel.
   */
  send(frame: Uint8Array | readonly [Uint8Array, Uint8Array], count = true, onWritten?: () => void): boolean {
    if (!(frame instanceof Uint8Array)) return this.sendParts(frame, count, onWritten)
    if (!this.canSend()) return false
    corkFor(this.opts.socket, frame.length)
    this.ws.send(frame, { binary: true }, onWritten && ((err) => err || onWritten()))
    this.lastSentAt = performance.now()
    if (count) {
      this.opts.metrics.messagesOut.inc()
      this.opts.metrics.bytesOut.inc(frame.length)
    }
    return true
  }

  /**
   * Sends a relay framed once for all its recipients (sharedFrame.ts): the frame's bytes go to
   * the socket as they are when this connection agreed no extension, else the payload goes
   * through ws. Not counted in the out-metrics (the room's broadcast counts once for all).
   */
  sendShared(frame: SharedFrame): boolean {
    if (!this.canSend()) return false
    const socket = this.opts.socket
    // Without an extension ws writes every frame to the socket at once, never queueing one:
    // writing ours there directly keeps the order of everything this connection sends.
    corkFor(socket, frame.payload.length)
    if (socket && frame.shareable && this.ws.extensions === '') socket.write(frame.framed)
    else this.ws.send(frame.payload, { binary: true })
    this.lastSentAt = performance.now()
    return true
  }

  /** False when the socket is closing; drops the peer (4508, it may reconnect) when it stopped reading. */
  private canSend(): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false
    if (this.ws.bufferedAmount > this.opts.maxBufferedBytes) {
      this.opts.metrics.rejected.inc({ reason: 'backpressure' })
      this.close(Backpressure)
      return false
    }
    return true
  }

  /**
   * Sends one message in two parts (fragments: the peer receives one message), so a big payload
   * goes out as it is instead of being copied into a frame with its head.
   */
  private sendParts([head, body]: readonly [Uint8Array, Uint8Array], count: boolean, onWritten?: () => void): boolean {
    if (!this.canSend()) return false
    uncorkNow(this.opts.socket)
    this.ws.send(head, { binary: true, fin: false })
    this.ws.send(body, { binary: true, fin: true }, onWritten && ((err) => err || onWritten()))
    this.lastSentAt = performance.now()
    if (count) {
      this.opts.metrics.messagesOut.inc()
      this.opts.metrics.bytesOut.inc(head.length + body.length)
    }
    return true
  }

  /**
   * Tells a viewer, once, that its document updates are ignored: the y-protocols auth message
   * "permission denied", which a stock provider reports (console warning) and otherwise ignores.
   */
  denyWrites(): void {
    if (this.toldReadOnly) return
    this.toldReadOnly = true
    this.send(encodePermissionDenied('read-only: this connection may not change the document'))
  }

  /** Closes with a code and reason; a peer that does not complete the close handshake is cut after 2 s. */
  close(event: CloseEvent): void {
    if (this.closed) return
    // A refusal of access is also said in the protocol's own terms before the socket closes.
    if (event.code === Unauthorized.code || event.code === Forbidden.code) this.send(encodePermissionDenied(event.reason))
    this.closed = true
    this.closedByServer = true
    this.closeEvent = event
    this.stopChecks()
    try {
      this.ws.close(event.code, event.reason)
    } catch {
      this.ws.terminate()
      return
    }
    this.killTimer = setTimeout(() => this.ws.terminate(), 2_000)
    this.killTimer.unref()
  }

  /**
   * Stops reading this peer's frames for `ms` (TCP pushes back on the sender): how a connection
   * over its budget for document work is slowed down without being closed.
   */
  pauseReading(ms: number): void {
    if (this.closed || this.pausedUntil > performance.now()) return
    this.pausedUntil = performance.now() + ms
    this.updateReading()
    setTimeout(() => {
      this.pausedUntil = 0
      this.updateReading()
    }, ms).unref()
  }

  /**
   * Stops reading this peer's frames until releaseReading (its room is applying a backlog of
   * updates: what it sends meanwhile waits in TCP buffers instead of adding to the backlog).
   * Frames to the peer still go out, and pings do not count as missed while held. False when
   * it was already held or is closed.
   */
  holdReading(): boolean {
    if (this.closed || this.held) return false
    this.held = true
    this.opts.metrics.connectionsHeld.inc()
    this.opts.metrics.backlogHolds.inc()
    this.updateReading()
    return true
  }

  releaseReading(): void {
    if (!this.held) return
    this.held = false
    this.opts.metrics.connectionsHeld.dec()
    this.updateReading()
  }

  /** whether this connection's frames are not being read now (held or paused by its budget) */
  get readingPaused(): boolean {
    return this.held || this.pausedUntil > 0
  }

  /** ws's own pause/resume: its receiver then does not resume the socket behind our back when it drains */
  private updateReading(): void {
    if (this.readingPaused) this.ws.pause()
    else this.ws.resume()
  }

  /** Drops the socket without a close handshake (dead peers, shutdown deadline). */
  terminate(): void {
    this.closed = true
    this.stopChecks()
    this.ws.terminate()
  }

  private keepAlive(): void {
    // a peer we are not reading cannot be heard answering: its pong waits in the socket
    if (this.alive || this.readingPaused) this.missed = 0
    else if (++this.missed >= MISSED_PINGS_BEFORE_DROP) {
      // Decided after this turn's poll phase: when the server itself was busy (a big update),
      // timers run before the sockets are read, and the pong may be waiting there unread.
      setImmediate(() => {
        if (this.alive || this.closed || this.readingPaused) return
        this.opts.log.debug({ conn: this.id, room: this.room }, 'peer missed a ping; dropping it')
        this.terminate()
      })
      return
    }
    this.alive = false
    try {
      this.ws.ping()
    } catch {
      this.terminate()
    }
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

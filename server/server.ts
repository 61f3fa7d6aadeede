import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import type { AddressInfo } from 'node:net'
import type * as WsModule from 'ws'
import { DEFLATE } from './ws/deflate'
import { isRefusal, type Authorizer } from './auth/Authorizer'
import { attachToServer, type AttachOptions } from './attach'
import { HttpRouter, sendJson, type HostFront, type RouteHandler } from './http'
import type { Logger } from './log'
import { createMetrics, type Metrics } from './metrics'
import { mayReadMetrics } from './auth/metricsToken'
import { redactUrl, roomFromUrl } from './roomName'
import { Rooms, type RoomsOptions } from './rooms'
import type { Room } from './room'
import type { RoomHost } from './roomHost'
import { createGcHint } from './gcHint'
import { withDefaultMetrics } from './promClient'
import type { Storage } from './storage/Storage'
import { Connection } from './ws/connection'
import { requireCjs } from './requireCjs'
import { MessageTooBig, RoomDamaged, ServerShutdown } from './ws/closeCodes'
import { isDamagedRoomError } from './storage/integrity'
import { addressOf, createAddressLimits, type AddressLimits } from './limits/AddressLimiter'

const { WebSocketServer } = requireCjs('ws') as typeof WsModule

export interface ServerOptions {
  /** per-address rate limits shared with the REST API (server/limits/AddressLimiter.ts) */
  addressLimits?: AddressLimits
  /** where listen() binds when called without arguments */
  host: string
  port: number
  storage: Storage
  authorizer: Authorizer
  log: Logger
  /** directory of the built web app (index.html, assets/); null to serve no files */
  staticDir: string | null
  maxMessageBytes: number
  unloadGraceMs: number
  /** a live document with no update for this long goes dormant, held as bytes (0: never) */
  idleDocMs?: number
  /** a busy room's document goes to this room host past `awayApplyMs` of apply CPU a second (roomAway.ts) */
  roomHost?: RoomHost | null
  awayApplyMs?: number
  /** drop a peer that has this many unsent bytes queued (default 64 MB or 4× max message) */
  maxBufferedBytes?: number
  pingIntervalMs?: number
  /** permessage-deflate for clients that offer it (server/ws/deflate.ts) */
  wsDeflate?: boolean
  metrics?: Metrics
  /** PEM certificate and key: serve https/wss instead of http/ws on the same port */
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** called with every room when it loads (seeds and guards its metadata) */
  onRoomLoaded?: (room: Room) => void
  /** bound of each room's inbox of received, not yet durable updates (past it: close 4529) */
  maxQueuedUpdates?: number
  /** largest stored size of one room (past it: close 4413) */
  maxRoomBytes?: number
  /** a cluster's room hooks (server/cluster): stream position before a load, publish stored updates and presence */
  roomHooks?: Pick<RoomsOptions, 'beforeLoad' | 'onStored' | 'onPresence'>
  /** more /healthz fields (e.g. instance, postgres, redis); `ok: false` makes it answer 503 */
  health?: () => { ok: boolean; fields: Record<string, unknown> }
  /** --metrics-token: /metrics and the details of /healthz need `Authorization: Bearer <it>` (server/auth/metricsToken.ts) */
  metricsToken?: string
}

export interface SyncServer {
  readonly rooms: Rooms
  readonly metrics: Metrics
  /** Adds an HTTP route in front of the static files (e.g. `/api/…`). */
  addRoute(method: string, pattern: RegExp, handler: RouteHandler): void
  /** The HTTP handler: routes, then the web app's files; attached to a host (`host`), the rest goes to the host. */
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse, host?: HostFront): void
  /** The WebSocket upgrade handler: `/<room>` joins that room (after the authorizer's decision). */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void
  /** Starts a server of its own; resolves with the real address (port 0 → the chosen port). */
  listen(port?: number, host?: string): Promise<{ host: string; port: number }>
  /** Mounts the WebSocket upgrade, the routes and optionally the web app on a host's existing server. */
  attach(server: http.Server, opts?: AttachOptions): void
  /** Stops accepting, closes all sockets, flushes every room, detaches from host servers and closes storage. */
  close(): Promise<void>
}

/**
 * Wires HTTP, the WebSocket upgrade, rooms, storage and metrics together; served on a port of
 * its own (listen) and/or on host servers (attach).
 */
export function createSyncServer(opts: ServerOptions): SyncServer {
  const metrics = opts.metrics ?? createMetrics()
  const limits = opts.addressLimits ?? createAddressLimits()
  const { log } = opts
  const startedAt = Date.now()
  // after unloads and after documents go dormant: their memory goes back to the OS
  // (and once serving: the garbage of start-up)
  const gcHint = createGcHint(undefined, undefined, () => rooms.busy())
  const rooms: Rooms = new Rooms({
    storage: opts.storage, metrics, log, unloadGraceMs: opts.unloadGraceMs, onLoaded: opts.onRoomLoaded,
    maxQueuedUpdates: opts.maxQueuedUpdates, maxQueuedBytes: Math.max(64 * 1024 * 1024, 4 * opts.maxMessageBytes), maxRoomBytes: opts.maxRoomBytes,
    onUnloaded: () => gcHint(), onDormant: () => gcHint(), idleDocMs: opts.idleDocMs,
    roomHost: opts.roomHost, awayApplyMs: opts.awayApplyMs,
    ...opts.roomHooks,
  })
  const router = new HttpRouter({ staticDir: opts.staticDir, log })
  const sockets = new Set<Connection>()
  let closing = false

  router.addRoute('GET', /^\/healthz$/, (req, res) => {
    const extra = opts.health?.()
    const ok = !closing && (extra?.ok ?? true)
    if (!mayReadMetrics(req, opts.metricsToken)) return sendJson(res, ok ? 200 : 503, { ok })
    sendJson(res, ok ? 200 : 503, {
      ok, rooms: rooms.size, connections: sockets.size, uptime: Math.round((Date.now() - startedAt) / 1000), ...extra?.fields,
    })
  })
  router.addRoute('GET', /^\/metrics$/, async (req, res) => {
    if (!mayReadMetrics(req, opts.metricsToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer')
      return sendJson(res, 401, { error: { code: 'token_required', message: 'this server needs its metrics token (Authorization: Bearer …)' } })
    }
    // the process metrics (CPU, memory, event loop, GC) are counted from the first scrape on
    withDefaultMetrics(metrics.registry, 'tessera_process_')
    const text = await metrics.registry.metrics()
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType })
    res.end(text)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes, perMessageDeflate: opts.wsDeflate ? DEFLATE : false })
  const maxBuffered = opts.maxBufferedBytes ?? Math.max(64 * 1024 * 1024, 4 * opts.maxMessageBytes)
  const own: http.Server[] = []
  const detach: Array<() => void> = []

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy())
    handleUpgrade(req, socket, head).catch((err: unknown) => {
      log.error({ err, url: redactUrl(req.url) }, 'upgrade failed')
      refuse(socket, 500, 'internal server error')
    })
  }

  /** A server of our own, with the slow-client guards a host's server would set up itself. */
  function ownServer(): http.Server {
    // A half-sent request (or upgrade) is cut after 10 s; the periodic check runs every second.
    const serverOptions = { connectionsCheckingInterval: 1_000, headersTimeout: 10_000, requestTimeout: 30_000 }
    const server: http.Server = opts.tls
      ? https.createServer({ ...serverOptions, cert: opts.tls.cert, key: opts.tls.key }, (req, res) => router.handle(req, res))
      : http.createServer(serverOptions, (req, res) => router.handle(req, res))
    // headersTimeout is not enforced reliably once upgraded sockets share the server, so a socket
    // whose first request head has not fully arrived within 10 s is cut by our own timer too.
    const sentHead = new WeakSet<object>()
    // With TLS the request's socket is the TLS socket, which exists once the handshake is done.
    server.on(opts.tls ? 'secureConnection' : 'connection', (socket: Duplex) => {
      const timer = setTimeout(() => sentHead.has(socket) || socket.destroy(), 10_000).unref()
      socket.once('close', () => clearTimeout(timer))
    })
    server.on('request', (req: http.IncomingMessage) => sentHead.add(req.socket))
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      sentHead.add(socket)
      onUpgrade(req, socket, head)
    })
    return server
  }

  async function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const name = roomFromUrl(req.url)
    if (!name.ok) {
      metrics.rejected.inc({ reason: 'bad room name' })
      log.info({ url: redactUrl(req.url), reason: name.message }, 'upgrade refused')
      return refuse(socket, 400, name.message)
    }
    if (closing) return refuse(socket, 503, 'server shutting down')
    const address = addressOf(req)
    const wait = limits.failures.retryAfter(address)
    if (wait > 0) {
      metrics.rejected.inc({ reason: 'rate limited' })
      return refuse(socket, 429, 'too many failed attempts from this address; try again later', { 'Retry-After': String(wait) })
    }
    const decision = await opts.authorizer.authorize(name.room, req)
    if (isRefusal(decision)) {
      if (decision.refuse.status === 401 || decision.refuse.status === 403 || decision.refuse.status === 404) limits.failures.charge(address)
      metrics.rejected.inc({ reason: `auth ${decision.refuse.status}` })
      log.info({ room: name.room, status: decision.refuse.status }, 'upgrade refused by authorizer')
      return refuse(socket, decision.refuse.status, decision.refuse.message)
    }
    if (socket.destroyed) return
    let room: Room
    try {
      room = await rooms.acquire(name.room)
    } catch (err) {
      if (!isDamagedRoomError(err) || socket.destroyed) throw err
      // A quarantined room: a clear, final close instead of an empty room or a retry loop.
      metrics.rejected.inc({ reason: 'room quarantined' })
      return wss.handleUpgrade(req, socket, head, (ws) => ws.close(RoomDamaged.code, RoomDamaged.reason))
    }
    if (socket.destroyed || closing) {
      rooms.release(name.room)
      return refuse(socket, 503, 'server shutting down')
    }
    // ws answers a malformed handshake (bad key, version or Upgrade header) with 400 itself and never
    // calls back: the room taken above must then be given back, or it stays loaded for good.
    let upgraded = false
    const releaseIfAborted = () => {
      if (!upgraded) rooms.release(name.room)
    }
    socket.once('close', releaseIfAborted)
    wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded = true
      socket.off('close', releaseIfAborted)
      const conn = new Connection(ws, {
        room: name.room, role: decision.role, auth: decision.data, address, maxBufferedBytes: maxBuffered,
        pingIntervalMs: opts.pingIntervalMs ?? 10_000, metrics, log, socket,
      })
      sockets.add(conn)
      metrics.connections.set(sockets.size)
      ws.on('error', (err: Error & { code?: string }) => {
        // ws reports protocol violations (oversize frames, bad opcodes, invalid UTF-8 close reasons) here and closes.
        // ws's error codes are a fixed set, so they can label the metric; the message goes to the log
        const reason = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? MessageTooBig.reason : (err.code ?? 'protocol error')
        metrics.rejected.inc({ reason })
        log.warn({ room: name.room, conn: conn.id, reason, detail: err.message }, 'closing connection after protocol error')
      })
      conn.onClose((code, reason) => {
        sockets.delete(conn)
        metrics.connections.set(sockets.size)
        room.removeConnection(conn)
        rooms.release(name.room)
        log.debug({ room: name.room, conn: conn.id, code, reason }, 'connection closed')
      })
      log.debug({ room: name.room, conn: conn.id, role: conn.role }, 'connection opened')
      room.addConnection(conn)
    })
  }

  return {
    rooms,
    metrics,
    addRoute: (method, pattern, handler) => router.addRoute(method, pattern, handler),
    handleRequest: (req, res, host) => router.handle(req, res, host),
    handleUpgrade: onUpgrade,
    listen: (port = opts.port, host = opts.host) =>
      new Promise((resolve, reject) => {
        if (closing) return reject(new Error('the server was closed'))
        const server = ownServer()
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          own.push(server)
          const addr = server.address() as AddressInfo
          gcHint(START_GC_DELAY_MS)
          resolve({ host, port: addr.port })
        })
      }),
    attach(server, attachOpts) {
      if (closing) throw new Error('the server was closed')
      detach.push(attachToServer(server, { handleRequest: (req, res, host) => router.handle(req, res, host), handleUpgrade: onUpgrade }, attachOpts))
      gcHint(START_GC_DELAY_MS)
    },
    close: async () => {
      if (closing) return
      closing = true
      // A host's server stays up: only our handlers come off it (its other routes keep working).
      for (const d of detach.splice(0)) d()
      const stopped = own.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))
      for (const server of own) server.closeIdleConnections()
      await rooms.closeAll(ServerShutdown)
      // Peers had their close frame; whoever has not answered is cut now so the port frees up.
      for (const c of sockets) c.terminate()
      for (const server of own) server.closeAllConnections()
      await Promise.all(stopped)
      await opts.storage.close()
    },
  }
}

/** Answers a refused upgrade with a plain HTTP response (a short text body) and closes the socket. */
function refuse(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  if (socket.destroyed) return
  const body = `${message}\n`
  const text = http.STATUS_CODES[status] ?? 'Error'
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

/** the start-up collection: soon after serving begins, so the shrinking one follows ~6 s later */
const START_GC_DELAY_MS = 500

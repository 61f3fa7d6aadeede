/**
 * `tessera/server`: the sync server as a library (CONTRACT §9). The CLI (`tessera serve`) and
 * embedding hosts both start here: createTesseraServer(options) opens storage and wires rooms,
 * access and the REST API; listen() serves on a port of its own, attach() mounts on a host's
 * existing HTTP server beside its own routes.
 */
import { existsSync, readFileSync } from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import type { AttachOptions } from './attach'
import { viewerRoomsAuthorizer, type Authorizer } from './auth/Authorizer'
import { createHookAuthorizer } from './auth/hookAuthorizer'
import { ENV_SECRET, loadAuthSecret, type SecretSource } from './auth/secret'
import { checkBackendOptions, openBackend } from './backend'
import type { HistoryService } from './history/History'
import { mountHistory } from './history/mount'
import { createOffsetClock } from './history/offsetClock'
import { parseRetention } from './history/retention'
import { createLogger, type Logger } from './log'
import { checkOptions, flagDefault, type TesseraServerOptions } from './options'
import { packageRoot } from './packageRoot'
import type { Room } from './room'
import { createRoomChanges } from './roomChanges'
import { RoomHost } from './roomHost'
import { createSyncServer } from './server'
import { createSharing } from './sharing'
import { createAddressLimits } from './limits/AddressLimiter'
import { createMetrics } from './metrics'

export type { TesseraServerOptions } from './options'
export type { AttachOptions } from './attach'
export type { AuthenticateHook, AuthenticateResult } from './auth/hookAuthorizer'
export type { ChangeAuthor, RoomChange, RoomChangeHook } from './roomChanges'
export type { Role } from './auth/roles'

export interface TesseraServer {
  /** Serves on a port of its own (default: the `port`/`host` options); resolves with the real port (0 → the chosen one). */
  listen(port?: number, host?: string): Promise<{ port: number; host: string }>
  /**
   * Mounts the WebSocket upgrade (`/<room>`), the REST API (`/api/rooms`) and, with `app: true`,
   * the web app on the host's existing HTTP(S) server; the host's own routes keep answering
   * everything else. Call it after the host's request handler is on the server.
   */
  attach(server: http.Server, opts?: AttachOptions): void
  /** The same request handling for hosts that route themselves: Tessera's routes, else `next()`. */
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse, next: () => void): void
  /** Closes every connection, stores every room, reports pending onRoomChange calls, detaches from host servers. */
  close(): Promise<void>
  /** whether listen() serves https/wss */
  readonly secure: boolean
  /** the absolute data directory */
  readonly dataDir: string
  /** the logger in use */
  readonly log: Logger
  /** where the token-signing secret came from */
  readonly authSecretSource: SecretSource
}

/** Creates the server (opening its database); nothing listens until listen() or attach(). Throws TypeError on bad options. */
export function createTesseraServer(options: TesseraServerOptions = {}): TesseraServer {
  checkOptions(options)
  const log = options.logger ?? createLogger({ debug: Boolean(options.debug), silent: Boolean(options.quiet) })
  const dataDir = path.resolve(options.data ?? flagDefault<string>('data') ?? './data')
  const tls = options.tls ?? readTls(options.tlsCert, options.tlsKey)
  const staticDir = options.app === false || options.staticDir === null
    ? null
    : options.staticDir ? path.resolve(options.staticDir) : path.join(packageRoot(import.meta.dirname), 'dist')
  const maxMessageBytes = options.maxMessageBytes ?? flagDefault<number>('max-message-bytes')!

  const retention = parseRetention(options.historyRetention ?? flagDefault<string>('history-retention') ?? '')
  if (!retention.ok) throw new TypeError(`createTesseraServer: ${retention.message}`)
  // Test-only: a clock tests move forward (POST /api/_test/clock) instead of sleeping.
  const testClock = options.testClock ? createOffsetClock() : null
  const now = testClock?.now ?? Date.now
  checkBackendOptions({ ...options, authSecret: options.authSecret ?? process.env[ENV_SECRET] })
  const metrics = createMetrics()
  // With SQLite, one server per data directory: a second one is refused before it opens anything.
  const backend = openBackend({
    dataDir, postgres: options.postgres, redis: options.redis, redisPrefix: options.redisPrefix, instanceId: options.instanceId, log, metrics, now,
  })
  const { storage, cluster } = backend
  let secret: ReturnType<typeof loadAuthSecret>
  try {
    // The secret itself is never logged; only where it came from.
    secret = loadAuthSecret({ option: options.authSecret ?? null, dataDir })
  } catch (err) {
    void backend.abort()
    throw err
  }
  const addressLimits = createAddressLimits()
  const sharing = createSharing({
    limits: addressLimits,
    store: backend.roomsStore,
    secret: secret.secret,
    open: Boolean(options.open),
    createRooms: options.createRooms ?? flagDefault<'anyone' | 'token'>('create-rooms'),
    log,
    roomHasData: backend.roomHasData,
    announce: cluster ? { roomChanged: (room) => cluster.announceRoomChanged(room), roomDeleted: (room) => cluster.announceRoomDeleted(room) } : undefined,
  })
  let authorizer: Authorizer = options.authenticate ? createHookAuthorizer(options.authenticate, log) : sharing.authorizer
  if (options.testViewerRooms?.length) authorizer = viewerRoomsAuthorizer(new Set(options.testViewerRooms), authorizer)
  const changes = options.onRoomChange ? createRoomChanges(options.onRoomChange, { debounceMs: options.onRoomChangeDebounceMs, log }) : null

  // Busy rooms' documents on a worker thread: SQLite only (it rebuilds them from the log), never
  // with a change hook (it listens to the document) or a cluster (remote updates apply here).
  const offloadApplyMs = options.offloadApplyMs ?? flagDefault<number>('offload-apply-ms') ?? 0
  const roomHost = offloadApplyMs > 0 && storage.snapshotOffThread && !cluster && !changes ? new RoomHost() : null
  let history: HistoryService | null = null
  const core = createSyncServer({
    addressLimits,
    host: options.host ?? flagDefault<string>('host')!,
    port: options.port ?? flagDefault<number>('port')!,
    storage,
    authorizer,
    onRoomLoaded: (room: Room) => {
      sharing.onRoomLoaded(room)
      history?.attach(room)
      changes?.watch(room)
    },
    tls,
    log,
    staticDir,
    maxMessageBytes,
    unloadGraceMs: options.unloadGraceMs ?? flagDefault<number>('unload-grace-ms')!,
    idleDocMs: (options.idleDocSeconds ?? flagDefault<number>('idle-doc-seconds')!) * 1000,
    maxQueuedUpdates: options.maxQueuedUpdates ?? flagDefault<number>('max-queued-updates'),
    maxRoomBytes: options.maxRoomBytes ?? flagDefault<number>('max-room-bytes'),
    pingIntervalMs: options.pingIntervalMs ?? flagDefault<number>('ping-interval-ms'),
    maxBufferedBytes: options.maxBufferedBytes,
    wsDeflate: options.wsDeflate ?? flagDefault<boolean>('ws-deflate'),
    metrics,
    roomHost, awayApplyMs: offloadApplyMs,
    roomHooks: cluster ? { beforeLoad: cluster.beforeLoad, onStored: cluster.onStored, onPresence: cluster.onPresence } : undefined,
    health: backend.health,
    metricsToken: options.metricsToken,
  })
  // before the rooms API, which answers every other /api/rooms/… path
  history = mountHistory(core, {
    storage, authorizer, log, now, retention: retention.policy, testClock: testClock ?? undefined,
    maxAssetBytes: options.maxAssetBytes ?? flagDefault<number>('max-asset-bytes'),
    versionIntervalMs: options.versionIntervalMs ?? flagDefault<number>('version-interval-ms'),
  })
  sharing.mount(core)
  cluster?.attach(core.rooms, { roomChanged: sharing.roomChangedElsewhere, roomDeleted: sharing.roomDeletedElsewhere })

  return {
    secure: tls !== undefined,
    dataDir,
    log,
    authSecretSource: secret.source,
    async listen(port, host) {
      await backend.ready
      const address = await core.listen(port, host)
      if (staticDir && !existsSync(path.join(staticDir, 'index.html'))) log.warn({ staticDir }, 'web app not built (run `npm run build`); serving sync only')
      const where = options.postgres ? { storage: 'postgres', cluster: cluster ? cluster.instanceId : null } : { data: dataDir }
      log.info({ host: address.host, port: address.port, ...where, open: Boolean(options.open), tls: Boolean(tls), authSecret: secret.source }, 'listening')
      return address
    },
    attach(server, opts) {
      core.attach(server, opts)
      log.info({ path: opts?.path ?? '', app: Boolean(opts?.app), data: dataDir }, 'attached to a host server')
    },
    handleRequest(req, res, next) {
      core.handleRequest(req, res, { files: false, fallthrough: next })
    },
    async close() {
      history?.stop()
      try {
        await core.close()
        await roomHost?.stop()
        await changes?.flush()
      } finally {
        await backend.close()
      }
    },
  }
}

function readTls(cert: string | undefined, key: string | undefined): { cert: Buffer; key: Buffer } | undefined {
  if (!cert || !key) return undefined
  try {
    return { cert: readFileSync(cert), key: readFileSync(key) }
  } catch (err) {
    throw new TlsFileError(`could not read the TLS certificate or key: ${(err as Error).message}`)
  }
}

/** A `tlsCert`/`tlsKey` file could not be read. */
export class TlsFileError extends Error {
  override name = 'TlsFileError'
}

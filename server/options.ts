/**
 * The options of `createTesseraServer()` (server/index.ts): every flag of `tessera serve` as a
 * field (`--max-message-bytes` → `maxMessageBytes`), plus what only an embedding host can give
 * (hooks, a logger, in-memory TLS). Defaults come from the flag table (server/config.ts), so the
 * CLI and embedders cannot drift apart. Adding a flag: one SERVE_FLAGS entry, one field here
 * and its name in OPTION_NAMES (a test checks that every flag has its field).
 */
import type { AuthenticateHook } from './auth/hookAuthorizer'
import { SERVE_FLAGS, type ParsedFlags } from './config'
import type { Logger } from './log'
import type { RoomChangeHook } from './roomChanges'

export interface TesseraServerOptions {
  /** `--host`: interface listen() binds (default `localhost`) */
  host?: string
  /** `--port`: port listen() binds (default 1234; 0 picks a free one) */
  port?: number
  /** `--data`: directory of the SQLite database and the generated auth secret (default `./data`) */
  data?: string
  /** `--open`: no access control, everyone edits every room (ignored when `authenticate` is given) */
  open?: boolean
  /** `--auth-secret`: secret that signs access tokens (default: generated once into `data`/auth-secret) */
  authSecret?: string
  /** `--create-rooms`: who may create rooms with POST /api/rooms — `'anyone'` (default) or `'token'` (holders of an owner token of this server) */
  createRooms?: 'anyone' | 'token'
  /** `--metrics-token`: when set, /metrics and the details of /healthz need `Authorization: Bearer <metricsToken>` */
  metricsToken?: string
  /** `--tls-cert`: PEM certificate file; listen() then serves https/wss (needs `tlsKey`) */
  tlsCert?: string
  /** `--tls-key`: PEM private key file of `tlsCert` */
  tlsKey?: string
  /** `--debug`: debug-level logs */
  debug?: boolean
  /** `--max-message-bytes`: largest WebSocket message accepted (default 100 MiB, as y-websocket) */
  maxMessageBytes?: number
  /** `--max-asset-bytes`: largest image file accepted by POST /api/rooms/:room/assets (default 10 MiB) */
  maxAssetBytes?: number
  /** `--history-retention`: versions kept, e.g. `all=24h,hourly=30d,log=7d` (every one for a day, hourly for 30 days, daily after; replay updates for 7 days) */
  historyRetention?: string
  /** `--version-interval-ms`: a version at least this often while a room is edited (default 300 000) */
  versionIntervalMs?: number
  /** `--unload-grace-ms`: keep an empty room in memory this long (default 2000) */
  unloadGraceMs?: number
  /** `--max-room-bytes`: largest stored size of one room (default 256 MiB) */
  maxRoomBytes?: number
  /** `--idle-doc-seconds`: a room with no edit for this long holds its document as encoded bytes, no Y.Doc (default 30; 0: never) */
  idleDocSeconds?: number
  /** `--offload-apply-ms`: a room whose updates take more than this much CPU a second to apply (beyond a second's worth) has its document on a worker thread (SQLite only; default 0: never) */
  offloadApplyMs?: number
  /** `--max-queued-updates`: most received, not yet stored updates per room (default 10 000) */
  maxQueuedUpdates?: number
  /** `--ping-interval-ms`: ping every connection this often (default 10 000) */
  pingIntervalMs?: number
  /** `--max-buffered-bytes`: close a connection with this many unsent bytes queued */
  maxBufferedBytes?: number
  /** `--ws-deflate`: compress WebSocket messages (permessage-deflate) for clients that offer it (default off) */
  wsDeflate?: boolean
  /** `--static-dir`: serve the web app from this directory instead of the package's; null: no web app */
  staticDir?: string | null
  /** `--postgres`: store rooms in this PostgreSQL database (URL) instead of SQLite in `data` */
  postgres?: string
  /** `--redis`: join every instance on this Redis (URL) and the same `postgres` into one cluster (needs `authSecret`) */
  redis?: string
  /** `--redis-prefix`: prefix of the cluster's Redis keys (default `tessera:`) */
  redisPrefix?: string
  /** `--instance-id`: this instance's name in the cluster (default: host name and a random suffix) */
  instanceId?: string

  /** PEM certificate and key as values (instead of `tlsCert`/`tlsKey` files) */
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** serve the web app on listen() (default true; attach() has its own `app` option) */
  app?: boolean
  /**
   * The host's login, replacing Tessera's capability tokens for WebSocket connections: called
   * for every upgrade with the request (cookies, headers, query) and the room; answer a role
   * (`'owner' | 'editor' | 'viewer'`, or `{ role, user }` to name who it is) or null to refuse (403).
   */
  authenticate?: AuthenticateHook
  /** Called with a room's changes once it has been quiet for `onRoomChangeDebounceMs` (webhooks, indexing). */
  onRoomChange?: RoomChangeHook
  /** quiet period before onRoomChange (default 1000 ms; it is called at least every 10 s while edits go on) */
  onRoomChangeDebounceMs?: number
  /** a pino logger to log to (default: JSON lines on stderr at info, or debug with `debug`) */
  logger?: Logger
  /** no logs at all (ignored when `logger` is given) */
  quiet?: boolean
  /** @internal test-only (env TESSERA_TEST_VIEWER_ROOMS): connections to these rooms are viewers */
  testViewerRooms?: string[]
  /** @internal test-only (env TESSERA_TEST_CLOCK=1): a clock moved by POST /api/_test/clock */
  testClock?: boolean
}

/** Every option name, for the check that refuses unknown ones (a misspelt option is an error, not a silent default). */
export const OPTION_NAMES: ReadonlySet<string> = new Set([
  'host', 'port', 'data', 'open', 'authSecret', 'createRooms', 'metricsToken', 'tlsCert', 'tlsKey', 'debug', 'maxMessageBytes', 'maxAssetBytes', 'historyRetention', 'versionIntervalMs', 'unloadGraceMs',
  'idleDocSeconds', 'offloadApplyMs', 'maxQueuedUpdates', 'maxRoomBytes', 'pingIntervalMs', 'maxBufferedBytes', 'wsDeflate', 'staticDir', 'postgres', 'redis', 'redisPrefix', 'instanceId',
  'tls', 'app', 'authenticate', 'onRoomChange', 'onRoomChangeDebounceMs', 'logger', 'quiet', 'testViewerRooms', 'testClock',
])

/** `max-message-bytes` → `maxMessageBytes` */
export function optionName(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
}

/** The CLI's parsed flags as createTesseraServer options (`help` is the CLI's own). */
export function optionsFromFlags(flags: ParsedFlags): TesseraServerOptions {
  const out: Record<string, unknown> = {}
  for (const [flag, value] of Object.entries(flags)) if (flag !== 'help') out[optionName(flag)] = value
  return out as TesseraServerOptions
}

/** The default of a flag from the table in config.ts. */
export function flagDefault<T extends string | number | boolean>(flag: string): T | undefined {
  return SERVE_FLAGS.find((f) => f.name === flag)?.default as T | undefined
}

/** Throws a TypeError naming the first unknown option or ill-typed value; the options are otherwise trusted. */
export function checkOptions(opts: TesseraServerOptions): void {
  for (const key of Object.keys(opts)) {
    if (!OPTION_NAMES.has(key)) throw new TypeError(`createTesseraServer: unknown option "${key}"`)
  }
  const ints = ['port', 'maxMessageBytes', 'maxAssetBytes', 'versionIntervalMs', 'unloadGraceMs', 'idleDocSeconds', 'offloadApplyMs', 'maxQueuedUpdates', 'maxRoomBytes', 'pingIntervalMs', 'maxBufferedBytes', 'onRoomChangeDebounceMs'] as const
  for (const key of ints) {
    const v = opts[key]
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new TypeError(`createTesseraServer: ${key} must be a non-negative integer, got ${String(v)}`)
  }
  if (opts.port !== undefined && opts.port > 65535) throw new TypeError('createTesseraServer: port must be at most 65535')
  if (opts.pingIntervalMs === 0) throw new TypeError('createTesseraServer: pingIntervalMs must be at least 1')
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new TypeError('createTesseraServer: tlsCert and tlsKey go together')
  if (opts.createRooms !== undefined && opts.createRooms !== 'anyone' && opts.createRooms !== 'token') {
    throw new TypeError(`createTesseraServer: createRooms must be 'anyone' or 'token', got ${String(opts.createRooms)}`)
  }
  if (opts.metricsToken !== undefined && (typeof opts.metricsToken !== 'string' || opts.metricsToken.length === 0)) {
    throw new TypeError('createTesseraServer: metricsToken must be a non-empty string')
  }
  for (const key of ['authenticate', 'onRoomChange'] as const) {
    if (opts[key] !== undefined && typeof opts[key] !== 'function') throw new TypeError(`createTesseraServer: ${key} must be a function`)
  }
}

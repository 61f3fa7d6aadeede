/**
 * Mounts the history and files REST resources (CONTRACT §7) on a server, with their metrics.
 * Call it before the rooms API is mounted: that one claims every other /api/rooms/… path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Counter, Gauge } from '../promClient'
import type { Authorizer } from '../auth/Authorizer'
import type { RouteHandler } from '../http'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Storage } from '../storage/Storage'
import { DEFAULT_MAX_ASSET_BYTES, serveAsset, uploadAsset } from '../api/assets'
import { readJsonBody, sendCaught, sendJson } from '../api/httpJson'
import { VERSION_PATHS, type VersionRoute } from '../api/versionPaths'
import type { VersionsApiDeps } from '../api/versions'
import type { Rooms } from '../rooms'
import { HistoryService } from './History'
import type { RetentionPolicy } from './retention'

export interface HistoryMountTarget {
  readonly metrics: Metrics
  readonly rooms: Rooms
  addRoute(method: string, pattern: RegExp, handler: RouteHandler): void
}

export interface HistoryOptions {
  storage: Storage
  authorizer: Authorizer
  log: Logger
  /** largest file accepted (default 10 MB) */
  maxAssetBytes?: number
  /** the clock of versions (tests inject one) */
  now?: () => number
  /** a version at least this often while a room is edited (default 5 minutes) */
  versionIntervalMs?: number
  retention?: RetentionPolicy
  /**
   * Test hook: mounts `POST /api/_test/clock {advanceMs}`, which moves the clock returned by
   * `advance` and then takes every version that became due. Never set in production.
   */
  testClock?: { advance(ms: number): number }
}

/**
 * Mounts files and history on the server and returns the history service; pass each loaded
 * room to its `attach` (the server's onRoomLoaded).
 */
export function mountHistory(server: HistoryMountTarget, opts: HistoryOptions): HistoryService {
  const { storage, log } = opts
  const registers = [server.metrics.registry]
  const uploads = new Counter({ name: 'tessera_asset_uploads_total', help: 'Files uploaded to rooms (deduplicated ones included)', registers })
  new Gauge({
    name: 'tessera_assets',
    help: 'Files stored with rooms',
    registers,
    async collect() {
      this.set((await storage.assetTotals()).count)
    },
  })
  new Gauge({
    name: 'tessera_asset_bytes',
    help: 'Bytes of the files stored with rooms',
    registers,
    async collect() {
      this.set((await storage.assetTotals()).bytes)
    },
  })
  const assets = {
    storage,
    authorizer: opts.authorizer,
    maxBytes: opts.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES,
    onStored: () => uploads.inc(),
  }
  const guarded = (handler: RouteHandler): RouteHandler => async (req: IncomingMessage, res: ServerResponse, match, url) => {
    try {
      await handler(req, res, match, url)
    } catch (err) {
      sendCaught(res, err, (bug) => log.error({ err: bug }, 'history API failed'))
    }
  }
  server.addRoute('POST', /^\/api\/rooms\/([^/]+)\/assets\/?$/, guarded(uploadAsset(assets)))
  server.addRoute('GET', /^\/api\/rooms\/([^/]+)\/assets\/([^/]+)$/, guarded(serveAsset(assets)))

  const history = new HistoryService({
    storage, rooms: server.rooms, log, now: opts.now, intervalMs: opts.versionIntervalMs, retention: opts.retention,
  })
  // the handlers (and the scene schema they export with) are loaded by the first request to one of them
  const deps: VersionsApiDeps = { history, authorizer: opts.authorizer }
  let handlers: Promise<Record<VersionRoute, RouteHandler>> | null = null
  for (const [route, [method, pattern]] of Object.entries(VERSION_PATHS) as Array<[VersionRoute, (typeof VERSION_PATHS)[VersionRoute]]>) {
    server.addRoute(method, pattern, guarded(async (req, res, match, url) => {
      handlers ??= import('../api/versions').then((m) => m.versionHandlers(deps))
      await (await handlers)[route](req, res, match, url)
    }))
  }
  const clock = opts.testClock
  if (clock) {
    server.addRoute('POST', /^\/api\/_test\/clock$/, guarded(async (req, res) => {
      const body = (await readJsonBody(req)) as { advanceMs?: unknown } | undefined
      const now = clock.advance(typeof body?.advanceMs === 'number' ? body.advanceMs : 0)
      await history.tick()
      sendJson(res, 200, { now })
    }))
  }
  history.start()
  return history
}

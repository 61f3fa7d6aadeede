/**
 * Mounts the history and files REST resources (CONTRACT §7) on a server, with their metrics.
 * Call it before the rooms API is mounted: that one claims every other /api/rooms/… path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Counter, Gauge } from 'prom-client'
import type { Authorizer } from '../auth/Authorizer'
import type { RouteHandler } from '../http'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Storage } from '../storage/Storage'
import { DEFAULT_MAX_ASSET_BYTES, serveAsset, uploadAsset } from '../api/assets'
import { sendCaught } from '../api/httpJson'

export interface HistoryMountTarget {
  readonly metrics: Metrics
  addRoute(method: string, pattern: RegExp, handler: RouteHandler): void
}

export interface HistoryOptions {
  storage: Storage
  authorizer: Authorizer
  log: Logger
  /** largest file accepted (default 10 MB) */
  maxAssetBytes?: number
}

export function mountHistory(server: HistoryMountTarget, opts: HistoryOptions): void {
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
}

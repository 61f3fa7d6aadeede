/**
 * Files stored with a room (CONTRACT §7):
 *
 *   POST /api/rooms/:room/assets            body = the file  → 201 { assetId, url }   (editor+)
 *   GET  /api/rooms/:room/assets/:assetId                    → the file               (any role)
 *
 * PNG, JPEG, GIF and WebP, recognised by their magic bytes; at most `maxBytes` (10 MB by
 * default). The id is the file's SHA-256, so the same file uploaded twice is stored once and
 * its URL never changes content: GET answers with a year-long, immutable cache lifetime, kept
 * private because the room's read rules apply to every request.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Authorizer } from '../auth/Authorizer'
import type { Storage } from '../storage/Storage'
import { sniffImageType } from '../history/imageType'
import { ApiError, sendJson } from './httpJson'
import { readRawBody, requireRole, roomParam } from './roomRequest'

export const DEFAULT_MAX_ASSET_BYTES = 10 * 1024 * 1024
const ASSET_ID = /^[0-9a-f]{64}$/

export interface AssetsApiDeps {
  storage: Storage
  authorizer: Authorizer
  maxBytes: number
  /** told about each stored upload (metrics) */
  onStored?(bytes: number): void
}

/** POST handler; the route's first group is the room segment. */
export function uploadAsset(deps: AssetsApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, url: URL): Promise<void> => {
    const room = roomParam(match[1]!)
    await requireRole(deps.authorizer, req, url, room, 'editor')
    const data = await readRawBody(req, deps.maxBytes)
    if (data.length === 0) throw new ApiError(400, 'empty_file', 'the request body is empty: send the image file as the body')
    const type = sniffImageType(data)
    if (!type) throw new ApiError(415, 'unsupported_type', 'only PNG, JPEG, GIF and WebP images are accepted')
    const hash = createHash('sha256').update(data).digest('hex')
    await deps.storage.putAsset(room, { hash, type, data })
    deps.onStored?.(data.length)
    sendJson(res, 201, { assetId: hash, url: assetUrl(room, hash) })
  }
}

/** GET handler; groups: room segment, asset id. */
export function serveAsset(deps: AssetsApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, url: URL): Promise<void> => {
    const room = roomParam(match[1]!)
    await requireRole(deps.authorizer, req, url, room, 'viewer')
    const id = match[2]!
    const asset = ASSET_ID.test(id) ? await deps.storage.loadAsset(room, id) : null
    if (!asset) throw new ApiError(404, 'asset_not_found', 'this room has no such file')
    const etag = `"${asset.hash}"`
    const headers = {
      'Content-Type': asset.type,
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers)
      res.end()
      return
    }
    res.writeHead(200, { ...headers, 'Content-Length': asset.data.length })
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(asset.data.buffer, asset.data.byteOffset, asset.data.byteLength))
  }
}

/** The path that serves a room's file (add `?token=` where a header cannot be sent, e.g. <img>). */
export function assetUrl(room: string, hash: string): string {
  return `/api/rooms/${encodeURIComponent(room)}/assets/${hash}`
}

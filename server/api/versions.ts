/**
 * A room's history over REST (CONTRACT §7); every route takes the room's access rules:
 *
 *   GET  /api/rooms/:room/versions                   → { versions: [{ id, at, label, by, items, changes }] } newest first (any role)
 *   POST /api/rooms/:room/versions      { label, by? } → 201 the new version: the current state, named  (editor+)
 *   GET  /api/rooms/:room/versions/:id               → the board at that version as tessera-scene JSON (any role)
 *   GET  /api/rooms/:room/versions/:id/state         → the version's exact Yjs state (application/octet-stream; any role)
 *   GET  /api/rooms/:room/versions/:id/replay[?through=:id2]
 *        → { from, base, updates: [{ at, data }], marks: [{ id, at, index }], complete }: base64 updates leading to
 *          version :id, and with `through` on across every later version up to :id2 (any role)
 *   POST /api/rooms/:room/versions/:id/restore { by? } → { restored, before }: the live board becomes that version  (editor+)
 *
 * `by` is the display name to record (as awareness names are, it is the client's own claim); the
 * caller's role stands in without it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import * as Y from 'yjs'
import { z } from 'zod'
import { exportScene } from '../../src/doc/sceneJson'
import type { Authorizer } from '../auth/Authorizer'
import type { HistoryService } from '../history/History'
import type { VersionInfo } from '../storage/Storage'
import { ApiError, readJsonBody, sendJson } from './httpJson'
import type { VersionRoute } from './versionPaths'
import { requireRole, roomParam } from './roomRequest'

export interface VersionsApiDeps {
  history: HistoryService
  authorizer: Authorizer
}

type Handler = (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, url: URL) => Promise<void>

const nameBody = z.object({ label: z.string().trim().min(1).max(200), by: z.string().trim().min(1).max(100).optional() }).strict()
const restoreBody = z.object({ by: z.string().trim().min(1).max(100).optional() }).strict()

/** The handlers of the routes, by name (their methods and paths: VERSION_PATHS in ./versionPaths). */
export function versionHandlers(deps: VersionsApiDeps): Record<VersionRoute, Handler> {
  const { history, authorizer } = deps
  return {
    list: async (req, res, m, url) => {
      const room = roomParam(m[1]!)
      await requireRole(authorizer, req, url, room, 'viewer')
      sendJson(res, 200, { versions: (await history.list(room)).map(describe) })
    },
    name: async (req, res, m, url) => {
      const room = roomParam(m[1]!)
      const role = await requireRole(authorizer, req, url, room, 'editor')
      const body = parse(nameBody, await readJsonBody(req))
      const saved = await history.name(room, body.label, body.by ?? role)
      if (!saved) throw new ApiError(409, 'room_unwritable', 'this room cannot be written right now')
      sendJson(res, 201, describe(saved))
    },
    scene: async (req, res, m, url) => {
      const { state } = await readVersion(req, m, url)
      const doc = new Y.Doc()
      try {
        Y.applyUpdate(doc, state)
        sendJson(res, 200, exportScene(doc))
      } finally {
        doc.destroy()
      }
    },
    state: async (req, res, m, url) => {
      const { state } = await readVersion(req, m, url)
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': state.length, 'Cache-Control': 'private, max-age=31536000, immutable' })
      res.end(Buffer.from(state.buffer, state.byteOffset, state.byteLength))
    },
    replay: async (req, res, m, url) => {
      const { room, id } = await readVersion(req, m, url)
      const throughParam = url.searchParams.get('through')
      const result = await history.replay(room, id, throughParam === null ? id : versionId(throughParam))
      if (!result.ok) {
        throw result.code === 'no_version' ? notFound() : new ApiError(400, 'invalid_range', '`through` must be this version or a later one')
      }
      const { replay } = result
      sendJson(res, 200, {
        from: replay.from,
        base: replay.base ? b64(replay.base) : null,
        updates: replay.updates.map((u) => ({ at: new Date(u.at).toISOString(), data: b64(u.data) })),
        marks: replay.marks.map((k) => ({ id: k.id, at: new Date(k.at).toISOString(), index: k.index })),
        complete: replay.complete,
      })
    },
    restore: async (req, res, m, url) => {
      const room = roomParam(m[1]!)
      const role = await requireRole(authorizer, req, url, room, 'editor')
      const id = versionId(m[2]!)
      const body = parse(restoreBody, (await readJsonBody(req)) ?? {})
      const result = await history.restore(room, id, body.by ?? role)
      if (!result.ok) throw result.code === 'no_version' ? notFound() : new ApiError(409, 'room_unwritable', 'this room cannot be written right now')
      sendJson(res, 200, { restored: id, before: describe(result.before) })
    },
  }

  async function readVersion(req: IncomingMessage, m: RegExpExecArray, url: URL): Promise<{ room: string; id: number; state: Uint8Array }> {
    const room = roomParam(m[1]!)
    await requireRole(authorizer, req, url, room, 'viewer')
    const id = versionId(m[2]!)
    const state = await history.state(room, id)
    if (!state) throw notFound()
    return { room, id, state }
  }
}

function describe(v: VersionInfo) {
  return { id: v.id, at: new Date(v.at).toISOString(), label: v.label, by: v.by, items: v.items, changes: v.changes }
}

function versionId(raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new ApiError(400, 'invalid_version', 'a version id is a positive integer')
  return Number(raw)
}

function notFound(): ApiError {
  return new ApiError(404, 'version_not_found', 'this room has no such version')
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body)
  if (r.success) return r.data
  const issue = r.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  throw new ApiError(400, 'invalid_body', `${where}${issue?.message ?? 'invalid request body'}`)
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

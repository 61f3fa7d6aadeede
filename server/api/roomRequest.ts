/**
 * What every per-room REST resource beyond /api/rooms/:room (history, assets) needs: the room
 * name from the path, the caller's role judged by the very authorizer that admits WebSocket
 * upgrades (so --open, tokens, link access and any embedder's hook apply alike), and raw bodies
 * read with a size limit.
 */
import type { IncomingMessage } from 'node:http'
import { isRefusal, type Authorizer, type Role } from '../auth/Authorizer'
import { roomFromUrl } from '../roomName'
import { ApiError, readBody, tokenFromRequest } from './httpJson'

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 }

/**
 * The room named by a path segment, by the rules of the WebSocket upgrade path (the segment is
 * exactly what a provider would put after the host); throws ApiError 400 for a bad name.
 */
export function roomParam(segment: string): string {
  const parsed = roomFromUrl(`/${segment}`)
  if (!parsed.ok) throw new ApiError(400, 'invalid_room', parsed.message)
  return parsed.room
}

/**
 * The caller's role in `room`, at least `need`: the token of the request (Bearer header or
 * `?token=`) goes to the authorizer as an upgrade's `?token=` would. Throws ApiError 401/403/404.
 */
export async function requireRole(authorizer: Authorizer, req: IncomingMessage, url: URL, room: string, need: Role): Promise<Role> {
  const token = tokenFromRequest(req, url)
  const asUpgrade = `/${encodeURIComponent(room)}${token ? `?token=${encodeURIComponent(token)}` : ''}`
  // The authorizer reads the upgrade URL; everything else (headers, socket) is the request's own.
  const probe = Object.create(req, { url: { value: asUpgrade } }) as IncomingMessage
  const decision = await authorizer.authorize(room, probe)
  if (isRefusal(decision)) {
    const { status, message } = decision.refuse
    const code = status === 401 ? 'token_required' : status === 403 ? 'forbidden' : status === 404 ? 'room_not_found' : 'refused'
    throw new ApiError(status === 401 || status === 403 || status === 404 ? status : 403, code, message)
  }
  if (RANK[decision.role] < RANK[need]) throw new ApiError(403, 'forbidden', `this needs the ${need} role`)
  return decision.role
}

/** Reads a raw request body of at most `limit` bytes; throws ApiError 413 past it (after draining the rest, see readBody). */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return readBody(req, limit)
}

/**
 * REST handlers for rooms (CONTRACT §6):
 *
 *   POST   /api/rooms         { title? }          → 201 { room, title, access, codeAccess, createdAt, ownerToken, editorToken, viewerToken, linkSecret }
 *   GET    /api/rooms/:room                       → 200 { room, title, access, codeAccess, createdAt, updatedAt, users } (any role; + linkSecret for the owner)
 *   PATCH  /api/rooms/:room   { title?, access?, codeAccess? } → 200 same shape as GET                          (owner)
 *   DELETE /api/rooms/:room                       → 204, ends every connection of the room                    (owner)
 *   POST   /api/rooms/:room/revoke                → 200 same shape as GET, with the new linkSecret            (owner)
 *
 * The token (or the room's link secret) comes from `Authorization: Bearer <token>` or `?token=`. Written against plain
 * node:http with every collaborator injected, so the server mounts it with one call and tests run
 * it on a bare http.Server. Tokens are never logged or stored.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { decideAccess, type RoomAccess } from '../auth/access'
import { readCredential } from '../auth/credential'
import { linkSecretFor, newLinkNonce } from '../auth/linkSecret'
import type { Role } from '../auth/roles'
import { DEFAULT_TOKEN_TTL_SECONDS, signToken, verifyToken } from '../auth/tokens'
import { ApiError, readJsonBody, sendCaught, sendJson, sendNoContent, tokenFromRequest } from './httpJson'
import { generateRoomCode } from './roomCodes'
import { addressOf, type AddressLimits } from '../limits/AddressLimiter'
import { parseRoomName } from '../roomName'
import type { RoomRecord, RoomsStore } from './roomsStore'

/** Longest room title accepted (same bound as the document's names). */
export const MAX_TITLE_LENGTH = 200
const CREATE_ATTEMPTS = 20

/** What the server does when a room's title or access changes: write them into the room's `meta`
 *  map and re-check the rights of its open connections. */
export interface RoomMeta {
  title: string
  access: RoomAccess
}

export interface RoomsApiDeps {
  store: RoomsStore
  /** the token-signing secret (see server/auth/secret.ts) */
  secret: Uint8Array
  /** --open: no access control */
  open: boolean
  /** number of connections currently open on the room */
  users(room: string): number
  /** closes every connection of the room (close code 4404 'room deleted') and removes its document */
  endRoom(room: string): void | Promise<void>
  /** called after a room is created or its record changed (title, access, code access, link secret) */
  onRoomChanged(room: string, record: RoomRecord): void
  /** who may create rooms: 'anyone', or 'token' (a valid owner token of this server, see canCreate) */
  createRooms?: CreateRoomsPolicy
  /** true when a room id is in use without a record (e.g. a document made in --open mode) */
  roomTaken?(room: string): boolean | Promise<boolean>
  /** clock in ms (tests) */
  now?(): number
  /** lifetime of issued tokens, seconds (default one year) */
  tokenTtlSeconds?: number
  /** per-address rate limits (failed lookups and tokens, room creations); none when absent */
  limits?: AddressLimits
  /** told about unexpected errors (500s); never receives tokens */
  onError?(err: unknown): void
}

const createBody = z.object({ title: z.string().max(MAX_TITLE_LENGTH).optional() }).strict()
const patchBody = z
  .object({
    title: z.string().max(MAX_TITLE_LENGTH).optional(),
    access: z.enum(['private', 'view', 'edit']).optional(),
    codeAccess: z.boolean().optional(),
  })
  .strict()
const revokeBody = z.object({ tokens: z.boolean().optional() }).strict()

export type RoomsApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>

/**
 * Returns a handler that serves `/api/rooms` and `/api/rooms/:room`, resolving true when it
 * answered the request and false when the path is not one of its routes (so the caller can
 * answer 404 or try other handlers).
 */
export function createRoomsApi(deps: RoomsApiDeps): RoomsApiHandler {
  const now = () => deps.now?.() ?? Date.now()

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname.replace(/\/+$/, '')
    const isCollection = path === '/api/rooms'
    const itemMatch = /^\/api\/rooms\/([^/]+)$/.exec(path)
    const revokeMatch = /^\/api\/rooms\/([^/]+)\/revoke$/.exec(path)
    if (!isCollection && !itemMatch && !revokeMatch) return false
    const address = addressOf(req)
    try {
      // Guessing codes or tokens: an address with too many failures waits (429 + Retry-After).
      const wait = deps.limits?.failures.retryAfter(address) ?? 0
      if (wait > 0) throw new ApiError(429, 'rate_limited', 'too many failed attempts from this address; try again later', wait)
      if (isCollection) {
        if (req.method !== 'POST') throw methodNotAllowed(res, 'POST')
        const creating = deps.limits?.creations.retryAfter(address) ?? 0
        if (creating > 0) throw new ApiError(429, 'rate_limited', 'too many rooms created from this address; try again later', creating)
        await createRoom(req, res, tokenFromRequest(req, url))
        deps.limits?.creations.charge(address)
      } else if (revokeMatch) {
        if (req.method !== 'POST') throw methodNotAllowed(res, 'POST')
        await revokeLinks(req, res, parseRoomParam(revokeMatch[1]!), tokenFromRequest(req, url))
      } else {
        const room = parseRoomParam(itemMatch![1]!)
        const token = tokenFromRequest(req, url)
        switch (req.method) {
          case 'GET':
          case 'HEAD':
            await getRoom(res, room, token)
            break
          case 'PATCH':
            await patchRoom(req, res, room, token)
            break
          case 'DELETE':
            await deleteRoom(res, room, token)
            break
          default:
            throw methodNotAllowed(res, 'GET, PATCH, DELETE')
        }
      }
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404)) deps.limits?.failures.charge(address)
      sendCaught(res, err, deps.onError)
    }
    return true
  }

  async function createRoom(req: IncomingMessage, res: ServerResponse, token: string | null): Promise<void> {
    if ((deps.createRooms ?? 'anyone') === 'token' && !canCreate(deps.secret, token, now())) {
      throw new ApiError(401, 'token_required', 'this server lets only holders of an owner token create rooms (--create-rooms token)')
    }
    // no body at all means no fields; a JSON null (or any non-object) is refused by the schema
    const body = parseBody(createBody, orEmpty(await readJsonBody(req)))
    const title = (body.title ?? '').trim()
    const createdAt = now()
    let record: RoomRecord | null = null
    // Bounded retries: with 30^6 codes a collision is rare, twenty in a row means something is wrong.
    for (let i = 0; i < CREATE_ATTEMPTS && !record; i++) {
      const id = generateRoomCode()
      if (await deps.roomTaken?.(id)) continue
      record = await deps.store.create({ id, title, linkNonce: newLinkNonce(), now: createdAt })
    }
    if (!record) throw new ApiError(503, 'no_room_code', 'could not allocate a free room code, try again')
    deps.onRoomChanged(record.id, record)
    const issue = (role: Role) =>
      signToken(deps.secret, { room: record.id, role, now: createdAt, ttlSeconds: deps.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS })
    sendJson(res, 201, {
      room: record.id,
      title: record.title,
      access: record.access,
      codeAccess: record.codeAccess,
      createdAt: new Date(record.createdAt).toISOString(),
      ownerToken: issue('owner'),
      editorToken: issue('editor'),
      viewerToken: issue('viewer'),
      linkSecret: linkSecretFor(deps.secret, record.id, record.linkNonce),
    })
  }

  async function getRoom(res: ServerResponse, room: string, token: string | null): Promise<void> {
    const { record, role } = await authorize(room, token, 'viewer')
    sendJson(res, 200, describe(record, role))
  }

  /**
   * A new link secret: links handed out before stop working, and connections that came in with
   * them are closed. With `{ tokens: true }` also new editor and viewer tokens (the old ones and
   * their connections likewise); owner tokens stay.
   */
  async function revokeLinks(req: IncomingMessage, res: ServerResponse, room: string, token: string | null): Promise<void> {
    const { record } = await authorize(room, token, 'owner')
    const body = parseBody(revokeBody, orEmpty(await readJsonBody(req)))
    const at = now()
    const updated = await deps.store.update(room, { linkNonce: newLinkNonce(), ...(body.tokens ? { tokenGen: record.tokenGen + 1 } : {}) }, at)
    if (!updated) throw notFound(room)
    deps.onRoomChanged(room, updated)
    const issue = (role: Role) =>
      signToken(deps.secret, { room, role, now: at, ttlSeconds: deps.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS, generation: updated.tokenGen })
    sendJson(res, 200, { ...describe(updated, 'owner'), ...(body.tokens ? { editorToken: issue('editor'), viewerToken: issue('viewer') } : {}) })
  }

  async function patchRoom(req: IncomingMessage, res: ServerResponse, room: string, token: string | null): Promise<void> {
    await authorize(room, token, 'owner')
    const body = parseBody(patchBody, orEmpty(await readJsonBody(req)))
    const patch = { ...body, ...(body.title !== undefined ? { title: body.title.trim() } : {}) }
    const updated = await deps.store.update(room, patch, now())
    if (!updated) throw notFound(room)
    deps.onRoomChanged(room, updated)
    sendJson(res, 200, describe(updated, 'owner'))
  }

  async function deleteRoom(res: ServerResponse, room: string, token: string | null): Promise<void> {
    await authorize(room, token, 'owner')
    await deps.store.delete(room)
    await deps.endRoom(room)
    sendNoContent(res)
  }

  /** The room's record and the caller's role when its credential grants `need`; throws the matching 401/403/404 otherwise. */
  async function authorize(room: string, token: string | null, need: Role): Promise<{ record: RoomRecord; role: Role }> {
    const record = await deps.store.get(room)
    const cred = readCredential(deps.secret, token, room, record, now())
    // Unknown rooms are judged as private ones, so a caller without a token cannot tell a
    // missing room from a private one (404 only for callers who hold a valid token, or --open).
    const decision = decideAccess({
      token: cred.token, link: cred.link, access: record?.access ?? 'private', codeAccess: record?.codeAccess ?? false, open: deps.open, need,
    })
    if (!decision.ok) throw new ApiError(decision.status, decision.code, decision.message)
    if (!record) throw notFound(room)
    return { record, role: decision.role }
  }

  /** The room as GET shows it; its owner also reads the current link secret. */
  function describe(record: RoomRecord, role: Role) {
    return {
      room: record.id,
      title: record.title,
      access: record.access,
      codeAccess: record.codeAccess,
      createdAt: new Date(record.createdAt).toISOString(),
      updatedAt: new Date(record.updatedAt).toISOString(),
      users: deps.users(record.id),
      ...(role === 'owner' ? { linkSecret: linkSecretFor(deps.secret, record.id, record.linkNonce) } : {}),
    }
  }
}

export type CreateRoomsPolicy = 'anyone' | 'token'

export function isCreateRoomsPolicy(value: unknown): value is CreateRoomsPolicy {
  return value === 'anyone' || value === 'token'
}

/**
 * Whether `token` may create rooms under `--create-rooms token`: an owner token signed by this
 * server that has not expired (any room's owner may make more boards; an administrator makes the
 * first one with `tessera token`).
 */
function canCreate(secret: Uint8Array, token: string | null, at: number): boolean {
  if (!token) return false
  const v = verifyToken(secret, token, { now: at })
  return v.ok && v.claims.role === 'owner'
}

/** The room of `/api/rooms/<room>`: percent-decoded (`org%2Fdoc` is room `org/doc`), under the rules of every room name (CONTRACT §2). */
function parseRoomParam(raw: string): string {
  const parsed = parseRoomName(raw)
  if (!parsed.ok) throw new ApiError(400, 'invalid_room', `invalid room name: ${parsed.message}`)
  return parsed.room
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  throw new ApiError(400, 'invalid_body', `${where}${issue?.message ?? 'invalid request body'}`)
}

function notFound(room: string): ApiError {
  return new ApiError(404, 'room_not_found', `no room named ${room}`)
}

function methodNotAllowed(res: ServerResponse, allow: string): ApiError {
  res.setHeader('Allow', allow)
  return new ApiError(405, 'method_not_allowed', `use ${allow}`)
}

/** An absent body (undefined) stands for `{}`; anything else, JSON null included, is validated as sent. */
function orEmpty(body: unknown): unknown {
  return body === undefined ? {} : body
}

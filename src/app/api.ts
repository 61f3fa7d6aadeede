/**
 * Typed client for the rooms REST API (CONTRACT §6). Every response is validated; failures
 * become an ApiError carrying the server's `{ error: { code, message } }` (or a synthetic
 * `network` / `bad_response` code). Tokens go in the Authorization header, never in the URL.
 */
import * as z from 'zod'

export type Role = 'owner' | 'editor' | 'viewer'
export type RoomAccess = 'private' | 'view' | 'edit'

const accessSchema = z.enum(['private', 'view', 'edit'])

const createdSchema = z.object({
  room: z.string(),
  title: z.string(),
  access: accessSchema,
  createdAt: z.string(),
  ownerToken: z.string(),
  editorToken: z.string(),
  viewerToken: z.string(),
  /** the room's current link secret: with `access` view/edit, `/r/<room>#token=<linkSecret>` opens it */
  linkSecret: z.string(),
  codeAccess: z.boolean(),
})
export type CreatedRoom = z.infer<typeof createdSchema>

const roomSchema = z.object({
  room: z.string(),
  title: z.string(),
  access: accessSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  users: z.number(),
  /** whether the short code alone opens the board when it is shared by link */
  codeAccess: z.boolean(),
  /** the current link secret (the owner only) */
  linkSecret: z.string().optional(),
})
export type RoomInfo = z.infer<typeof roomSchema>

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) })

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    /** HTTP status, 0 when the request did not reach the server */
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface ApiOptions {
  /** origin to talk to (default: same origin) */
  baseUrl?: string
  fetch?: typeof fetch
}

/** POST /api/rooms — creates a private room; the caller keeps the returned tokens. */
export function createRoom(title: string, opts: ApiOptions = {}): Promise<CreatedRoom> {
  return request('POST', '/api/rooms', null, { title }, createdSchema, opts)
}

/** GET /api/rooms/:room — any role (or none for a room shared by link). */
export function getRoom(room: string, token: string | null, opts: ApiOptions = {}): Promise<RoomInfo> {
  return request('GET', roomPath(room), token, undefined, roomSchema, opts)
}

/** PATCH /api/rooms/:room — owner only. */
export function updateRoom(
  room: string,
  token: string | null,
  patch: { title?: string; access?: RoomAccess; codeAccess?: boolean },
  opts: ApiOptions = {},
): Promise<RoomInfo> {
  return request('PATCH', roomPath(room), token, patch, roomSchema, opts)
}

const revokedSchema = roomSchema.extend({ editorToken: z.string().optional(), viewerToken: z.string().optional() })
export type RevokedRoom = z.infer<typeof revokedSchema>

/**
 * POST /api/rooms/:room/revoke — owner only: a new link secret (links handed out before stop
 * working); with `tokens`, new editor and viewer tokens too (the old edit and view links die).
 */
export function revokeLinks(room: string, token: string | null, body: { tokens?: boolean } = {}, opts: ApiOptions = {}): Promise<RevokedRoom> {
  return request('POST', `${roomPath(room)}/revoke`, token, body, revokedSchema, opts)
}

/** DELETE /api/rooms/:room — owner only; ends everyone's session. */
export async function deleteRoom(room: string, token: string | null, opts: ApiOptions = {}): Promise<void> {
  await request('DELETE', roomPath(room), token, undefined, null, opts)
}

function roomPath(room: string): string {
  return `/api/rooms/${encodeURIComponent(room)}`
}

async function request<T>(
  method: string,
  path: string,
  token: string | null,
  body: unknown,
  schema: z.ZodType<T> | null,
  opts: ApiOptions,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const doFetch = opts.fetch ?? fetch
  let res: Response
  try {
    res = await doFetch(`${opts.baseUrl ?? ''}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch (err) {
    throw new ApiError(0, 'network', `could not reach the server (${err instanceof Error ? err.message : String(err)})`)
  }
  if (!res.ok) {
    const parsed = errorSchema.safeParse(await res.json().catch(() => null))
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message)
    throw new ApiError(res.status, 'http_error', `the server answered ${res.status} ${res.statusText}`)
  }
  if (schema === null) return undefined as T
  const parsed = schema.safeParse(await res.json().catch(() => null))
  if (!parsed.success) throw new ApiError(res.status, 'bad_response', 'the server sent an unexpected response')
  return parsed.data
}

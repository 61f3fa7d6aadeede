/**
 * Room-name rules (CONTRACT §2), as `npx y-websocket`: the upgrade path without its leading `/`
 * and its query, percent-decoded. Any non-empty name of at most 512 UTF-8 bytes without control
 * characters: `org/doc`, `doc:123`, `my doc`, `café`, `test-@y/websocket` are all rooms of their
 * own, and a provider built with a path prefix (`ws://H:P/collab`, room `x`) joins `collab/x`.
 * Names are data (bound SQL parameters), never file paths.
 */
export const MAX_ROOM_NAME_BYTES = 512

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

export type RoomNameResult = { ok: true; room: string } | { ok: false; message: string }

/** Why `name` (already decoded) is not a room name, or null when it is one. */
export function roomNameProblem(name: string): string | null {
  if (name.length === 0) return 'missing room name'
  if (Buffer.byteLength(name, 'utf8') > MAX_ROOM_NAME_BYTES) return `room name longer than ${MAX_ROOM_NAME_BYTES} bytes (UTF-8)`
  if (CONTROL.test(name)) return 'room name contains a control character'
  return null
}

/** True when `name` (already decoded) is an acceptable room name. */
export function isValidRoomName(name: string): boolean {
  return roomNameProblem(name) === null
}

/**
 * Percent-decodes a path (`%2F` and `/` both give `/`); null when the encoding is broken, which
 * includes bytes that are not UTF-8 (so a decoded name never holds a lone surrogate).
 */
export function decodeRoomName(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

/** Checks an encoded room name (from a URL path) and decodes it. */
export function parseRoomName(raw: string): RoomNameResult {
  const name = decodeRoomName(raw)
  if (name === null) return { ok: false, message: 'room name is not valid percent-encoding' }
  const problem = roomNameProblem(name)
  return problem ? { ok: false, message: problem } : { ok: true, room: name }
}

/**
 * Extracts and validates the room from a WebSocket upgrade URL: the path after the leading '/',
 * with the query string ignored (y-websocket appends `?token=…` and other params there).
 */
export function roomFromUrl(url: string | undefined): RoomNameResult {
  const raw = (url ?? '/').split('?')[0] ?? ''
  return parseRoomName(raw.startsWith('/') ? raw.slice(1) : raw)
}

/** The path segment for a room in a URL (`/r/<room>`, `/api/rooms/<room>`): every `/`, space, `%`… encoded. */
export function encodeRoomName(room: string): string {
  return encodeURIComponent(room)
}

/** The `token` query parameter of a request URL, or null. */
export function tokenFromUrl(url: string | undefined): string | null {
  const q = (url ?? '').indexOf('?')
  if (q < 0) return null
  return new URLSearchParams((url ?? '').slice(q + 1)).get('token')
}

/** The URL with any `token` query parameter redacted, safe to log. */
export function redactUrl(url: string | undefined): string {
  const u = url ?? ''
  const q = u.indexOf('?')
  if (q < 0) return u
  const params = new URLSearchParams(u.slice(q + 1))
  if (!params.has('token')) return u
  params.set('token', 'REDACTED')
  return `${u.slice(0, q)}?${params.toString()}`
}

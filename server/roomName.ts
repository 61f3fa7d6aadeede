/**
 * Room-name rules (CONTRACT §2): 1–128 characters of `A-Z a-z 0-9 - _ .`, not starting with `.`.
 * The leading-dot rule keeps names like `.` and `..` (and hidden files) out of any path-like use.
 */
const ROOM_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/

export type RoomNameResult = { ok: true; room: string } | { ok: false; message: string }

/** True when `name` is an acceptable room name. */
export function isValidRoomName(name: string): boolean {
  return ROOM_NAME.test(name)
}

/**
 * Extracts and validates the room from a WebSocket upgrade URL: the path after the leading '/',
 * with the query string ignored (y-websocket appends `?token=…` and other params there).
 */
export function roomFromUrl(url: string | undefined): RoomNameResult {
  const raw = (url ?? '/').split('?')[0] ?? ''
  const name = raw.startsWith('/') ? raw.slice(1) : raw
  if (name.length === 0) return { ok: false, message: 'missing room name in the URL path' }
  if (name.length > 128) return { ok: false, message: 'room name longer than 128 characters' }
  if (!isValidRoomName(name)) {
    return { ok: false, message: 'invalid room name: use 1-128 of A-Z a-z 0-9 - _ . (not starting with .)' }
  }
  return { ok: true, room: name }
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

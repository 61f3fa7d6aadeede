/** Web routes: '/' the lobby, '/r/<room>' a board. Tokens travel only in the URL fragment (#token=…). */
export type Route = { name: 'lobby' } | { name: 'board'; room: string } | { name: 'notFound'; path: string }

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/**
 * The server's room-name rule (server/roomName.ts, CONTRACT §2; a unit test keeps the two in
 * step): any non-empty name of at most 512 UTF-8 bytes without control characters.
 */
export function isRoomName(name: string): boolean {
  return name.length > 0 && new TextEncoder().encode(name).length <= 512 && !CONTROL.test(name)
}

/** '/r/<room>': the rest of the path, percent-decoded (boardPath encodes `/` in a name; an unencoded one works too). */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'lobby' }
  const m = /^\/r\/(.+?)\/?$/.exec(pathname)
  const room = m ? decodeSegment(m[1]!) : null
  if (room !== null && isRoomName(room)) return { name: 'board', room }
  return { name: 'notFound', path: pathname }
}

/** A path segment with its percent-escapes decoded, or null when they are malformed (e.g. '/r/%'). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/** Reads `token` from a fragment such as '#token=abc' (other fragment params are ignored). */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const t = params.get('token')
  return t && t.length > 0 ? t : null
}

export function boardPath(room: string, token?: string | null): string {
  return `/r/${encodeURIComponent(room)}${token ? `#token=${encodeURIComponent(token)}` : ''}`
}

/** Web routes: '/' the lobby, '/r/<room>' a board. Tokens travel only in the URL fragment (#token=…). */
import { isRoomName } from '../room/roomName'

export { isRoomName }

export type Route = { name: 'lobby' } | { name: 'board'; room: string } | { name: 'notFound'; path: string }

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

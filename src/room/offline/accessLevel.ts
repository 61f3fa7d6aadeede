/**
 * Which local copy a board opening may use. Local data is scoped per room AND per access
 * level, so an editor's not-yet-synced edits are never shown through a view link, and a
 * view link never holds anything that could be pushed to the server.
 */
import { isRoomName } from '../roomName'

export type LocalAccess = 'edit' | 'view'

export type TokenRole = 'owner' | 'editor' | 'viewer'

const ROLES: readonly TokenRole[] = ['owner', 'editor', 'viewer']

/** The IndexedDB databases of this app all start with this prefix (listLocalBoards relies on it). */
export const LOCAL_DB_PREFIX = 'tessera:'
const VIEW_SUFFIX = ':view'

function base64UrlDecode(s: string): string | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(s)) return null
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4)
  try {
    const bin = atob(padded)
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0))
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/**
 * The role named in a capability token (base64url JSON payload before the '.').
 * The client cannot verify the signature; the server enforces access. This is used only to
 * pick the local copy and to stop a viewer from sending, so a malformed token is treated
 * as the most restrictive case by the caller.
 */
export function tokenRole(token: string | null): TokenRole | null {
  if (!token) return null
  const dot = token.indexOf('.')
  const json = base64UrlDecode(dot >= 0 ? token.slice(0, dot) : token)
  if (json === null) return null
  let payload: unknown
  try {
    payload = JSON.parse(json)
  } catch {
    return null
  }
  if (typeof payload !== 'object' || payload === null) return null
  const role = (payload as Record<string, unknown>).role
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role) ? (role as TokenRole) : null
}

/**
 * No token (open server, or a board whose code alone opens it), a room's link secret (`ls-…`:
 * what it grants follows the room's access, like a bare link) or an owner/editor token → 'edit'.
 * A viewer token, or a token we cannot read → 'view' (never push from a link we do not understand).
 */
export function localAccess(token: string | null): LocalAccess {
  if (!token || token.startsWith('ls-')) return 'edit'
  const role = tokenRole(token)
  return role === 'owner' || role === 'editor' ? 'edit' : 'view'
}

/**
 * IndexedDB database name of one room's local copy at one access level. The room is
 * percent-encoded (a name may hold ':', even end in ':view'); codes and the names of older
 * versions (A-Z a-z 0-9 - _ .) encode to themselves, so their copies keep their databases.
 */
export function localDbName(room: string, access: LocalAccess): string {
  return LOCAL_DB_PREFIX + encodeURIComponent(room) + (access === 'view' ? VIEW_SUFFIX : '')
}

/** Inverse of localDbName for names this app created; null for anything else. */
export function parseLocalDbName(name: string): { room: string; access: LocalAccess } | null {
  if (!name.startsWith(LOCAL_DB_PREFIX)) return null
  let rest = name.slice(LOCAL_DB_PREFIX.length)
  let access: LocalAccess = 'edit'
  if (rest.endsWith(VIEW_SUFFIX)) {
    rest = rest.slice(0, -VIEW_SUFFIX.length)
    access = 'view'
  }
  // the room is percent-encoded (never a raw ':')
  let room: string
  try {
    room = decodeURIComponent(rest)
  } catch {
    return null
  }
  if (rest.includes(':') || !isRoomName(room)) return null
  return { room, access }
}

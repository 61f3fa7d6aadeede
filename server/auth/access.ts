/**
 * Who may do what in a room (CONTRACT §6), as one pure decision.
 *
 * - `--open`: no access control — everyone is at least an editor and nothing is refused.
 * - A valid token for the room grants its role. A room whose `access` lets anyone with the
 *   link in grants at least that link role ('view' → viewer, 'edit' → editor) to whoever
 *   presents the room's current link secret — or, when its owner chose `codeAccess`, to anyone
 *   who knows the code (holders of weaker tokens, of broken tokens and of no token alike).
 * - A link secret that is not the room's current one (revoked, or made up) opens nothing.
 * - Otherwise: no or broken token → 401; an authentic token that does not reach the needed
 *   role (or names another room) → 403.
 */
import { maxRole, roleAtLeast, type Role } from './roles'
import { tokenErrorMessage, type VerifyResult } from './tokens'

export type RoomAccess = 'private' | 'view' | 'edit'
export const ROOM_ACCESS: readonly RoomAccess[] = ['private', 'view', 'edit']

export function isRoomAccess(value: unknown): value is RoomAccess {
  return value === 'private' || value === 'view' || value === 'edit'
}

export type AccessDecision =
  | { ok: true; role: Role; canWrite: boolean }
  | { ok: false; status: 401 | 403; code: string; message: string }

export interface AccessInput {
  /** the verified token (verifyToken with the room), or null when none was presented */
  token: VerifyResult | null
  /** the room's access setting ('private' for rooms without a record) */
  access: RoomAccess
  /** server runs with --open */
  open: boolean
  /** the weakest role the request needs (default 'viewer': any member) */
  need?: Role
  /** a presented link secret: 'valid' (the room's current one), 'invalid' (revoked or made up); none: null */
  link?: LinkCheck
  /** the owner lets the short code alone open the board when it is shared by link (default false) */
  codeAccess?: boolean
}

export type LinkCheck = 'valid' | 'invalid' | null

/** The role a link alone grants for an access setting, or null for private rooms. */
export function linkRole(access: RoomAccess): Role | null {
  return access === 'edit' ? 'editor' : access === 'view' ? 'viewer' : null
}

export function decideAccess(input: AccessInput): AccessDecision {
  const need = input.need ?? 'viewer'
  const tokenRole = input.token?.ok ? input.token.claims.role : null

  if (input.open) {
    const role = tokenRole ? maxRole(tokenRole, 'editor') : 'editor'
    return granted(role)
  }

  if (input.link === 'invalid' && tokenRole === null) {
    return { ok: false, status: 401, code: 'link_invalid', message: 'this link is no longer valid (the owner may have revoked it): ask for the current one' }
  }
  const linkOpens = input.link === 'valid' || input.codeAccess === true
  const fromLink = linkOpens ? linkRole(input.access) : null
  const role = tokenRole && fromLink ? maxRole(tokenRole, fromLink) : (tokenRole ?? fromLink)
  if (role !== null && roleAtLeast(role, need)) return granted(role)

  // Refused. An authentic token for this room that is too weak: forbidden (another token won't be
  // found by retrying). No token or a broken one: unauthenticated, a (better) token would help.
  if (tokenRole !== null) {
    return { ok: false, status: 403, code: 'forbidden', message: `this needs the ${need} role` }
  }
  if (input.token === null) {
    const message = fromLink !== null
      ? `this needs the ${need} role: an access token is required`
      : linkRole(input.access) !== null
        ? 'this board is shared by link: its link (not the code alone) is required'
        : 'this room is private: an access token is required'
    return { ok: false, status: 401, code: 'token_required', message }
  }
  if (input.token.ok) {
    return { ok: false, status: 403, code: 'forbidden', message: `this needs the ${need} role` }
  }
  const code = input.token.code
  // A genuine token for another room is authentic but not valid here: forbidden, not unauthenticated.
  return { ok: false, status: code === 'wrong_room' ? 403 : 401, code: `token_${code}`, message: tokenErrorMessage(code) }
}

function granted(role: Role): AccessDecision {
  return { ok: true, role, canWrite: roleAtLeast(role, 'editor') }
}

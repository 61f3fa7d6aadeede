import type { Role, RoomAccess } from '../api'
import { decodeTokenClaims } from './tokenClaims'

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 }

/**
 * The role this browser most likely has on the board, for the UI only (the server decides):
 * the token's role for this room (from the #token fragment or recent boards), raised to what
 * the room's link access grants. Without any token on a private room the server must be running
 * with --open (otherwise we would not be connected), where everyone may edit.
 */
export function effectiveRole(room: string, token: string | null, access: RoomAccess | undefined, now = Date.now()): Role {
  const claims = decodeTokenClaims(token)
  const tokenRole = claims && claims.room === room && claims.exp * 1000 > now ? claims.role : null
  const linkRole: Role | null = access === 'edit' ? 'editor' : access === 'view' ? 'viewer' : null
  if (tokenRole && linkRole) return RANK[tokenRole] >= RANK[linkRole] ? tokenRole : linkRole
  return tokenRole ?? linkRole ?? 'editor'
}

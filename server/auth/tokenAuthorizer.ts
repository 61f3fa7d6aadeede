/**
 * The WebSocket authorizer without --open (CONTRACT §6): the `token` query parameter is verified
 * with the signing secret and judged with decideAccess against the room's record. A room that was
 * never created through POST /api/rooms has no record: it is judged as a private room, so callers
 * without a valid token for it get 401/403 and cannot tell it from a private room; holders of a
 * valid token for it (e.g. after DELETE) get 404. Tokens are never logged.
 */
import type { RoomsStore } from '../api/roomsStore'
import { tokenFromUrl } from '../roomName'
import { decideAccess, type AccessDecision, type RoomAccess } from './access'
import type { Authorizer } from './Authorizer'
import { verifyToken, type VerifyResult } from './tokens'

/** What stays attached to a granted connection (`connection.auth`) so its rights can be re-checked later. */
export interface ConnectionGrant {
  /** the token's verification at upgrade time, null when no token was presented */
  token: VerifyResult | null
}

export function isConnectionGrant(value: unknown): value is ConnectionGrant {
  return typeof value === 'object' && value !== null && 'token' in value
}

export interface TokenAuthorizerOptions {
  secret: Uint8Array
  store: RoomsStore
  now?: () => number
}

export function createTokenAuthorizer(opts: TokenAuthorizerOptions): Authorizer {
  const now = () => opts.now?.() ?? Date.now()
  return {
    async authorize(room, request) {
      const raw = tokenFromUrl(request.url)
      const token = raw ? verifyToken(opts.secret, raw, { room, now: now() }) : null
      const record = await opts.store.get(room)
      const decision = decideAccess({ token, access: record?.access ?? 'private', open: false })
      if (!decision.ok) return { refuse: { status: decision.status, message: decision.message } }
      if (!record) return { refuse: { status: 404, message: `no room named ${room}` } }
      const grant: ConnectionGrant = { token }
      return { role: decision.role, data: grant }
    },
  }
}

/**
 * A connection's rights after the room's access changed to `access`: the token it presented is
 * re-checked (including its expiry) together with the new link access.
 */
export function reassess(grant: ConnectionGrant, access: RoomAccess, at: number): AccessDecision {
  let token = grant.token
  if (token?.ok && token.claims.exp <= Math.floor(at / 1000)) token = { ok: false, code: 'expired' }
  return decideAccess({ token, access, open: false })
}
